import { MikroOrmUnitOfWork } from '../../src/adapters/persistence/mikro-orm/mikro-orm-unit-of-work.ts';
import { openDatabase } from '../../src/adapters/persistence/mikro-orm/orm.ts';
import { postRepositoryContract } from './post-repository.contract.ts';
import { resetTables } from '../support/reset-tables.ts';

postRepositoryContract('MikroORM on in-memory PGlite', async () => {
  const database = await openDatabase({ dataDir: 'memory' });
  await database.migrate();
  return {
    uow: new MikroOrmUnitOfWork(database.orm),
    reset: async () => {
      await resetTables(database);
    },
    close: () => database.close(),
  };
});
