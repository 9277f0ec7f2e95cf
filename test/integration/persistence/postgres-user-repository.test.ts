import { MikroOrmUnitOfWork } from '../../../src/adapters/persistence/mikro-orm/mikro-orm-unit-of-work.ts';
import { openDatabase } from '../../../src/adapters/persistence/mikro-orm/orm.ts';
import { userRepositoryContract } from '../../contract/user-repository.contract.ts';
import { createTestDatabase } from '../../support/postgres.ts';
import { resetTables } from '../../support/reset-tables.ts';

userRepositoryContract('MikroORM on PostgreSQL', async () => {
  const testDatabase = await createTestDatabase();
  const database = await openDatabase({ databaseUrl: testDatabase.url, dataDir: 'memory' });
  await database.migrate();
  return {
    uow: new MikroOrmUnitOfWork(database.orm),
    reset: async () => {
      await resetTables(database);
    },
    close: async () => {
      await database.close();
      await testDatabase.drop();
    },
  };
});
