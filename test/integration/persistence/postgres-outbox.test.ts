import { MikroOrmOutboxQueue } from '../../../src/adapters/persistence/mikro-orm/mikro-orm-outbox.ts';
import { MikroOrmUnitOfWork } from '../../../src/adapters/persistence/mikro-orm/mikro-orm-unit-of-work.ts';
import { openDatabase } from '../../../src/adapters/persistence/mikro-orm/orm.ts';
import { outboxContract } from '../../contract/outbox.contract.ts';
import { EPOCH, FixedClock } from '../../support/fixed-clock.ts';
import { createTestDatabase } from '../../support/postgres.ts';

outboxContract(
  'MikroORM on PostgreSQL',
  async () => {
    const testDatabase = await createTestDatabase();
    const database = await openDatabase({ databaseUrl: testDatabase.url, dataDir: 'memory' });
    await database.migrate();
    const clock = new FixedClock();
    return {
      uow: new MikroOrmUnitOfWork(database.orm),
      queue: new MikroOrmOutboxQueue(database.orm, clock),
      clock,
      // test/support/reset-tables.ts does not empty "outbox" (yet): this contract does it itself.
      reset: async () => {
        await database.orm.em.fork().getConnection().execute('truncate table "outbox"');
        clock.set(EPOCH);
      },
      close: async () => {
        await database.close();
        await testDatabase.drop();
      },
    };
  },
  { concurrent: true },
);
