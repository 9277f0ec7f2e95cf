import { MikroORM } from '@mikro-orm/postgresql';
import { PostgresDialect } from 'kysely';
import compiledFunctions from './compiled-functions.js';
import { ENTITIES } from './entities.ts';
import type { SqlOrm } from './orm.ts';
import type { RequestScopedPool } from './request-scoped-pool.ts';

/**
 * MikroORM on PostgreSQL for runtimes that refuse code generation from strings (workerd): the
 * hydrators and comparators come pre-built (compiled-functions.js, `npm run orm:compile`), and every
 * connection is the current request's (RequestScopedPool). No migrations here: the internal
 * process (src/internal.ts) applies them.
 */
export async function openEdgeOrm(databaseUrl: string, pool: RequestScopedPool): Promise<SqlOrm> {
  return (await MikroORM.init({
    entities: ENTITIES,
    clientUrl: databaseUrl, // names the database; the connections themselves come from `pool`
    compiledFunctions,
    allowGlobalContext: false,
    ensureDatabase: false,
    debug: false,
    driverOptions: new PostgresDialect({ pool }),
  })) as SqlOrm;
}
