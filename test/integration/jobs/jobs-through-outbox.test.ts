import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InProcessJobQueue } from '../../../src/adapters/jobs/in-process-job-queue.ts';
import { JetStreamJobQueue } from '../../../src/adapters/jobs/jetstream-job-queue.ts';
import { MikroOrmOutboxQueue } from '../../../src/adapters/persistence/mikro-orm/mikro-orm-outbox.ts';
import { MikroOrmUnitOfWork } from '../../../src/adapters/persistence/mikro-orm/mikro-orm-unit-of-work.ts';
import { openDatabase, type Database } from '../../../src/adapters/persistence/mikro-orm/orm.ts';
import { SystemClock } from '../../../src/adapters/system/system-clock.ts';
import { UuidV7Ids } from '../../../src/adapters/system/uuid-v7-ids.ts';
import { OutboxRelay } from '../../../src/application/events/outbox-relay.ts';
import { JobRunner } from '../../../src/application/jobs/job-runner.ts';
import { JobScheduler } from '../../../src/application/jobs/job-scheduler.ts';
import type { JobQueue, JobWorker } from '../../../src/application/ports/job-queue.ts';
import { startPrivateNats, type PrivateNats } from '../../support/nats-server.ts';
import { createTestDatabase } from '../../support/postgres.ts';
import { until } from '../../support/until.ts';
import { connect, type NatsConnection } from '@nats-io/transport-node';

type World = { database: Database; queue: JobQueue; close(): Promise<void> };

/**
 * Jobs started in a transaction go through the outbox: the relay hands them to the job queue only
 * once committed, and a relay that dies after handing a message over but before removing its row
 * hands it over again, which the queue drops (the job id is the message id), so the job runs once.
 */
function jobsThroughTheOutbox(name: string, setup: () => Promise<World>): void {
  describe(`jobs queued through the outbox: ${name}`, () => {
    let world: World;
    let worker: JobWorker | undefined;
    const clock = new SystemClock();
    const runs: string[] = [];
    const deliveries: string[] = [];

    beforeAll(async () => {
      world = await setup();
      const uow = new MikroOrmUnitOfWork(world.database.orm);
      const runner = new JobRunner({ uow, clock, handlers: { 'test.record': async (job) => void runs.push(job.id) } });
      worker = await world.queue.work(async (delivery) => {
        deliveries.push(delivery.id);
        return runner.handle(delivery);
      }, { concurrency: 2 });
    });
    afterAll(async () => {
      await worker?.stop();
      await world?.close();
    });

    const scheduler = new JobScheduler({ ids: new UuidV7Ids(), clock });
    const schedule = (uow: MikroOrmUnitOfWork, fail = false) =>
      uow.transaction(async (repos) => {
        const job = await scheduler.schedule(repos, { type: 'test.record', data: {}, ownerId: null, maxAttempts: 3 });
        if (fail) throw new Error(`rolled back: ${job.id}`);
        return job;
      });

    it('never runs a job whose transaction rolled back; runs the committed one', async () => {
      const uow = new MikroOrmUnitOfWork(world.database.orm);
      const relay = new OutboxRelay({ queue: new MikroOrmOutboxQueue(world.database.orm, clock), publisher: { publish: async () => undefined }, jobQueue: world.queue });
      const rolledBack = await schedule(uow, true).then(
        () => '',
        (error: Error) => error.message.replace('rolled back: ', ''),
      );
      const committed = await schedule(uow);
      expect(await relay.drain()).toBe(1);
      await until(() => runs.includes(committed.id), 10_000, 'the committed job run');
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(runs).not.toContain(rolledBack);
      expect(deliveries).not.toContain(rolledBack);
    });

    it('runs a committed job exactly once when the relay dies after handing it over and before removing it', async () => {
      const uow = new MikroOrmUnitOfWork(world.database.orm);
      const outbox = new MikroOrmOutboxQueue(world.database.orm, clock);
      let crashes = 1;
      // Hands the message to the real queue, then "dies" before the batch removes its row.
      const crashingQueue: JobQueue = {
        enqueue: async (message) => {
          await world.queue.enqueue(message);
          if (crashes-- > 0) throw new Error('relay died after publishing');
        },
        work: (handle, options) => world.queue.work(handle, options),
      };
      const relay = new OutboxRelay({ queue: outbox, publisher: { publish: async () => undefined }, jobQueue: crashingQueue });
      const job = await schedule(uow);
      await expect(relay.drain()).rejects.toThrow('relay died after publishing');
      expect((await outbox.lag()).pending).toBe(1); // still there: the next relay takes it again
      await outbox.retryNow();
      expect(await relay.drain()).toBe(1);
      expect((await outbox.lag()).pending).toBe(0);
      await until(() => runs.includes(job.id), 10_000, 'the job run');
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(deliveries.filter((id) => id === job.id)).toEqual([job.id]);
      expect(runs.filter((id) => id === job.id)).toEqual([job.id]);
    });
  });
}

let nats: PrivateNats;
let nc: NatsConnection;
beforeAll(async () => {
  nats = await startPrivateNats();
  nc = await connect({ servers: nats.url });
});
afterAll(async () => {
  await nc?.close();
  await nats?.stop();
});

jobsThroughTheOutbox('PostgreSQL and NATS JetStream', async () => {
  const testDatabase = await createTestDatabase();
  const database = await openDatabase({ databaseUrl: testDatabase.url, dataDir: 'memory' });
  await database.migrate();
  const queue = await JetStreamJobQueue.create(nc, pino({ level: 'silent' }), { ackWaitMs: 30_000 });
  return {
    database,
    queue,
    close: async () => {
      await database.close();
      await testDatabase.drop();
    },
  };
});

jobsThroughTheOutbox('embedded PGlite and the in-process queue', async () => {
  const database = await openDatabase({ dataDir: 'memory' });
  await database.migrate();
  const queue = new InProcessJobQueue();
  return {
    database,
    queue,
    close: async () => {
      queue.close();
      await database.close();
    },
  };
});
