import { MikroOrmUnitOfWork } from '../../src/adapters/persistence/mikro-orm/mikro-orm-unit-of-work.ts';
import { openDatabase } from '../../src/adapters/persistence/mikro-orm/orm.ts';
import { userRepositoryContract } from './user-repository.contract.ts';

userRepositoryContract('MikroORM on in-memory PGlite', async () => {
  const database = await openDatabase({ dataDir: 'memory' });
  await database.migrate();
  return {
    uow: new MikroOrmUnitOfWork(database.orm),
    reset: async () => {
      // Both tables in one statement: PostgreSQL refuses to truncate "users" alone while a foreign key points at it.
      await database.orm.em.fork().getConnection().execute('truncate table "users", "refresh_tokens"');
    },
    close: () => database.close(),
  };
});
