import { openDatabase } from '../../../src/adapters/persistence/mikro-orm/orm.ts';
import { mikroOrmOutboxContext, outboxContract } from '../../contract/outbox.contract.ts';
import { createTestDatabase } from '../../support/postgres.ts';

outboxContract(
  'MikroORM on PostgreSQL',
  async () => {
    const testDatabase = await createTestDatabase();
    const database = await openDatabase({ databaseUrl: testDatabase.url, dataDir: 'memory' });
    await database.migrate();
    return mikroOrmOutboxContext(database, () => testDatabase.drop());
  },
  { concurrent: true },
);
