import { MikroOrmOutboxQueue } from '../../src/adapters/persistence/mikro-orm/mikro-orm-outbox.ts';
import { MikroOrmUnitOfWork } from '../../src/adapters/persistence/mikro-orm/mikro-orm-unit-of-work.ts';
import { openDatabase } from '../../src/adapters/persistence/mikro-orm/orm.ts';
import { EPOCH, FixedClock } from '../support/fixed-clock.ts';
import { outboxContract } from './outbox.contract.ts';

outboxContract(
  'MikroORM on in-memory PGlite',
  async () => {
    const database = await openDatabase({ dataDir: 'memory' });
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
      close: () => database.close(),
    };
  },
  // One connection: a second transaction waits for the first, so batches never overlap.
  { concurrent: false },
);
