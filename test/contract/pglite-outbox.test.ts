import { openDatabase } from '../../src/adapters/persistence/mikro-orm/orm.ts';
import { mikroOrmOutboxContext, outboxContract } from './outbox.contract.ts';

outboxContract(
  'MikroORM on in-memory PGlite',
  async () => {
    const database = await openDatabase({ dataDir: 'memory' });
    await database.migrate();
    return mikroOrmOutboxContext(database);
  },
  // One connection: a second transaction waits for the first, so batches never overlap.
  { concurrent: false },
);
