import { MikroOrmUnitOfWork } from '../../../src/adapters/persistence/mikro-orm/mikro-orm-unit-of-work.ts';
import { openDatabase } from '../../../src/adapters/persistence/mikro-orm/orm.ts';
import { userRepositoryContract } from '../../contract/user-repository.contract.ts';
import { createTestDatabase } from '../../support/postgres.ts';

userRepositoryContract('MikroORM on PostgreSQL', async () => {
  const testDatabase = await createTestDatabase();
  const database = await openDatabase({ databaseUrl: testDatabase.url, dataDir: 'memory' });
  await database.migrate();
  return {
    uow: new MikroOrmUnitOfWork(database.orm),
    reset: async () => {
      // Both tables in one statement: PostgreSQL refuses to truncate "users" alone while a foreign key points at it.
      await database.orm.em.fork().getConnection().execute('truncate table "users", "refresh_tokens"');
    },
    close: async () => {
      await database.close();
      await testDatabase.drop();
    },
  };
});
