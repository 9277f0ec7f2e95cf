import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DatabaseError } from '../../../src/adapters/persistence/mikro-orm/database-error.ts';
import { MikroOrmUnitOfWork } from '../../../src/adapters/persistence/mikro-orm/mikro-orm-unit-of-work.ts';
import { openDatabase } from '../../../src/adapters/persistence/mikro-orm/orm.ts';
import { migrationsList } from '../../../src/adapters/persistence/mikro-orm/migrations/index.ts';
import { aUser } from '../../contract/user-fixtures.ts';

describe('database lifecycle', () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });

  it('keeps PGlite data under dataDir across close and re-open', async () => {
    const root = await mkdtemp(join(tmpdir(), 'users-pglite-'));
    cleanup.push(() => rm(root, { recursive: true, force: true }));
    // A directory that does not exist yet: opening creates it.
    const dataDir = join(root, 'nested', 'data');
    const user = aUser({ name: 'Persistent Zoë', passwordHash: 'hash' });

    const first = await openDatabase({ dataDir });
    expect(first.kind).toBe('pglite');
    await first.migrate();
    await new MikroOrmUnitOfWork(first.orm).transaction(({ users }) => users.add(user));
    await first.close();

    const second = await openDatabase({ dataDir });
    cleanup.push(() => second.close());
    await second.migrate();
    const found = await new MikroOrmUnitOfWork(second.orm).read(({ users }) => users.findById(user.id));
    expect(found).toEqual(user);
    const executed = await second.orm.em.fork().getConnection().execute('select name from mikro_orm_migrations');
    expect(executed).toHaveLength(migrationsList.length);
  });

  it('has entities that match the migrations: the schema diff after migrating is empty', async () => {
    // Otherwise `npm run db:migration:create` would propose changes nobody made, such as dropping
    // the hand-written row-count triggers.
    const database = await openDatabase({ dataDir: 'memory' });
    cleanup.push(() => database.close());
    await database.migrate();
    expect(await database.orm.schema.getUpdateSchemaSQL()).toBe('');
  });

  it('lets one process at a time open an embedded database, and takes over the lock of a process that died', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'users-pglite-lock-'));
    cleanup.push(() => rm(dataDir, { recursive: true, force: true }));
    // A pid file naming a live process (this test's parent) is respected...
    await writeFile(join(dataDir, 'users-service.pid'), String(process.ppid));
    await expect(openDatabase({ dataDir })).rejects.toThrow(/in use by process \d+ \(PGlite serves one process at a time\)/);
    // ...one naming a process that is gone (a kill -9) is not.
    await writeFile(join(dataDir, 'users-service.pid'), '2147483646');
    const database = await openDatabase({ dataDir });
    expect(await readFile(join(dataDir, 'users-service.pid'), 'utf8')).toBe(String(process.pid));
    await database.close();
    await expect(readFile(join(dataDir, 'users-service.pid'), 'utf8')).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('pings true while the database answers and false, without throwing, when it does not', async () => {
    const embedded = await openDatabase({ dataDir: 'memory' });
    expect(await embedded.ping()).toBe(true);
    await embedded.close();

    // Nothing listens on port 1: the ORM opens lazily, so only the ping notices.
    const unreachable = await openDatabase({ databaseUrl: 'postgres://postgres@127.0.0.1:1/none', dataDir: 'memory' });
    cleanup.push(() => unreachable.close());
    expect(unreachable.kind).toBe('postgresql');
    expect(await unreachable.ping()).toBe(false);
  });
});

describe('driver errors', () => {
  it('leave the unit of work without the SQL and the values inlined in it', async () => {
    const database = await openDatabase({ dataDir: 'memory' });
    try {
      await database.migrate();
      const uow = new MikroOrmUnitOfWork(database.orm);
      const now = new Date();
      // A NUL cannot be stored in PostgreSQL text: the driver fails with the statement in its message.
      const secret = 'scrypt$131072$8$1$c2FsdA$a2V5LXRoYXQtbXVzdC1uZXZlci1sZWFr';
      const failure = uow
        .transaction((repos) =>
          repos.users.add({
            id: '01900000-0000-7000-8000-000000000001' as never,
            name: 'bad\u0000name',
            email: 'leak@example.com',
            status: 'active',
            role: 'member',
            passwordHash: secret,
            createdAt: now,
            updatedAt: now,
            version: 1,
          }),
        )
        .catch((error: unknown) => error);
      const error = (await failure) as Error;
      expect(error).toBeInstanceOf(DatabaseError);
      expect(error.message).toMatch(/^\w+Exception/);
      expect(error.message).not.toContain(secret);
      expect(error.message).not.toContain('leak@example.com');
      expect(error.message).not.toContain('insert into');
      expect(error.cause).toBeUndefined();
    } finally {
      await database.close();
    }
  });
});
