import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MikroOrmUnitOfWork } from '../../../src/adapters/persistence/mikro-orm/mikro-orm-unit-of-work.ts';
import { openDatabase } from '../../../src/adapters/persistence/mikro-orm/orm.ts';
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
    expect(executed).toHaveLength(1);
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
