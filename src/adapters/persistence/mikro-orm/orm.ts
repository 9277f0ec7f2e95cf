import type { MikroORM, Options } from '@mikro-orm/core';
import { Migrator } from '@mikro-orm/migrations';
import type { AbstractSqlDriver, SqlEntityManager } from '@mikro-orm/postgresql';
import { ensureDataDirectory, lockDataDirectory } from './data-directory.ts';
import { migrationsList } from './migrations/index.ts';
import { migrateWithAdvisoryLock, migrateUnlocked } from './migrate.ts';
import { ENTITIES } from './entities.ts';

/** `dataDir: 'memory'` is an in-memory PGlite that lives as long as the process. */
export type DatabaseConfig = { databaseUrl?: string; dataDir: string };

/** Both drivers share the SQL entity manager: the repositories need no driver-specific code. */
export type SqlOrm = MikroORM<AbstractSqlDriver, SqlEntityManager>;

export type Database = {
  kind: 'postgresql' | 'pglite';
  orm: SqlOrm;
  /** Applies pending migrations; on PostgreSQL under an advisory lock, so instances starting together do not race. */
  migrate(): Promise<void>;
  /** `select 1`; false (never a throw) when the database does not answer. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
};

/**
 * Opens MikroORM on PostgreSQL (`databaseUrl`) or on an embedded PGlite kept under `dataDir`.
 * Nothing connects yet: the first query does, so a database that is down at start makes `ping`
 * false rather than the process fail. The drivers are imported lazily so each mode loads only its own.
 */
export type OpenOptions = {
  debug?: boolean;
  /** Sees every SQL statement as it is sent (tests count them to prove a request makes no N+1 queries). */
  onQuery?: (sql: string) => void;
  /** A client span per statement (tracing on); without it the drivers are MikroORM's own, untouched. */
  statementSpans?: boolean;
};

export async function openDatabase(config: DatabaseConfig, options: OpenOptions = {}): Promise<Database> {
  const common = {
    entities: ENTITIES,
    // Every request path forks its own EntityManager; touching the global one is a bug we want loud.
    allowGlobalContext: false,
    // Creating databases is a deployment concern (and needs CREATEDB), not the service's.
    ensureDatabase: false,
    debug: options.debug ?? false,
    onQuery: (sql: string) => {
      options.onQuery?.(sql);
      return sql;
    },
    extensions: [Migrator],
    // The row-count triggers and their functions are hand-written in a migration; the schema diff
    // must leave them alone rather than propose dropping what no entity declares.
    schemaGenerator: { ignoreTriggers: true, ignoreRoutines: true },
    migrations: { migrationsList, snapshot: false, silent: !options.debug, transactional: true, allOrNothing: true },
  } satisfies Partial<Options>;

  if (config.databaseUrl) {
    const { MikroORM } = await import('@mikro-orm/postgresql');
    const url = config.databaseUrl;
    // Typed as no property: the driver is a subclass of the one MikroORM.init infers its types from.
    const traced: object = options.statementSpans ? { driver: (await import('./traced-postgresql-driver.ts')).TracedPostgreSqlDriver } : {};
    const orm = (await MikroORM.init({
      ...common,
      ...traced,
      clientUrl: url,
      // Fail fast when PostgreSQL is unreachable: under the contract's 2 s for a 503. pg-pool counts
      // the wait for a free connection in this too, so a saturated pool also sheds load with a 503.
      driverOptions: { connectionTimeoutMillis: 1_500 },
    })) as SqlOrm;
    return database('postgresql', orm, () => migrateWithAdvisoryLock(orm, url));
  }

  const [{ MikroORM }, { PGlite }, { pg_trgm }] = await Promise.all([
    import('@mikro-orm/pglite'),
    import('@electric-sql/pglite'),
    import('@electric-sql/pglite/contrib/pg_trgm'),
  ]);
  const inMemory = config.dataDir === 'memory';
  if (!inMemory) await ensureDataDirectory(config.dataDir);
  const unlock = inMemory ? async () => undefined : await lockDataDirectory(config.dataDir);
  // Our own instance (not one MikroORM creates) so we choose the extensions and the data directory;
  // MikroORM then leaves closing it to us.
  let pglite: InstanceType<typeof PGlite>;
  let orm: SqlOrm;
  try {
    pglite = await PGlite.create({ ...(inMemory ? {} : { dataDir: config.dataDir }), extensions: { pg_trgm } });
    const traced: object = options.statementSpans ? { driver: (await import('./traced-pglite-driver.ts')).TracedPgliteDriver } : {};
    orm = (await MikroORM.init({ ...common, ...traced, driverOptions: { pglite } })) as SqlOrm;
  } catch (error) {
    await unlock();
    throw error;
  }
  // A single embedded process has no concurrent starters: no lock needed.
  const db = database('pglite', orm, () => migrateUnlocked(orm));
  return {
    ...db,
    async close() {
      await db.close();
      await pglite.close();
      await unlock();
    },
  };
}

const PING_TIMEOUT_MS = 1_000;

function database(kind: Database['kind'], orm: SqlOrm, migrate: () => Promise<void>): Database {
  return {
    kind,
    orm,
    migrate,
    async ping() {
      let timer: ReturnType<typeof setTimeout> | undefined;
      // A probe must answer within its own deadline even if the pool is stuck waiting to connect.
      const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), PING_TIMEOUT_MS)));
      const answer = orm.em.fork().getConnection().execute('select 1').then(() => true, () => false);
      return Promise.race([answer, timeout]).finally(() => clearTimeout(timer));
    },
    close: () => orm.close(true),
  };
}
