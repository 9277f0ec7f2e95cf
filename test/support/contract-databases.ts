import { MikroOrmUnitOfWork } from '../../src/adapters/persistence/mikro-orm/mikro-orm-unit-of-work.ts';
import { openDatabase } from '../../src/adapters/persistence/mikro-orm/orm.ts';
import { createTestDatabase } from './postgres.ts';
import { resetTables } from './reset-tables.ts';

/** What every repository contract suite runs on: a unit of work, a way to empty it, and a close. */
export type ContractDatabase = { uow: MikroOrmUnitOfWork; reset(): Promise<void>; close(): Promise<void> };

/** MikroORM on an in-memory PGlite, migrated: the embedded default. */
export async function pgliteContractDatabase(): Promise<ContractDatabase> {
  const database = await openDatabase({ dataDir: 'memory' });
  await database.migrate();
  return { uow: new MikroOrmUnitOfWork(database.orm), reset: () => resetTables(database), close: () => database.close() };
}

/** MikroORM on a fresh database of the test PostgreSQL server, migrated, dropped on close. */
export async function postgresContractDatabase(): Promise<ContractDatabase> {
  const testDatabase = await createTestDatabase();
  const database = await openDatabase({ databaseUrl: testDatabase.url, dataDir: 'memory' });
  await database.migrate();
  return {
    uow: new MikroOrmUnitOfWork(database.orm),
    reset: () => resetTables(database),
    close: async () => {
      await database.close();
      await testDatabase.drop();
    },
  };
}
