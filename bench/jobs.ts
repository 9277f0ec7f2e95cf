/**
 * The jobs part of `npm run bench` (`--only jobs`): on a PostgreSQL database of its own and the NATS
 * at NATS_URL (default nats://127.0.0.1:4222), in this process.
 *
 * No-op jobs per second: N jobs queued (rows and JetStream messages), then timed from the workers'
 * start until every row says succeeded: per job a claim, a success write and an ack. Beside it the
 * raw baseline: the same number of messages on a work-queue stream of its own, pulled and acked by
 * a consumer with the same concurrency and no database.
 */
import { MikroOrmOutboxQueue } from '../src/adapters/persistence/mikro-orm/mikro-orm-outbox.ts';
import { OutboxRelay } from '../src/application/events/outbox-relay.ts';
import { AckPolicy, jetstream, jetstreamManager, RetentionPolicy } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { pino } from 'pino';
import { JetStreamJobQueue, JOBS_STREAM } from '../src/adapters/jobs/jetstream-job-queue.ts';
import { MikroOrmUnitOfWork } from '../src/adapters/persistence/mikro-orm/mikro-orm-unit-of-work.ts';
import { openDatabase } from '../src/adapters/persistence/mikro-orm/orm.ts';
import { SystemClock } from '../src/adapters/system/system-clock.ts';
import { UuidV7Ids } from '../src/adapters/system/uuid-v7-ids.ts';
import { JobRunner } from '../src/application/jobs/job-runner.ts';
import { JobScheduler } from '../src/application/jobs/job-scheduler.ts';
import { jobQueuingRows } from './job-queuing.ts';

const RAW_STREAM = 'BENCH_RAW_JOBS';

export async function jobScenarios(options: { databaseUrl: string; natsUrl: string; jobs?: number; concurrency?: number }): Promise<string[]> {
  const total = options.jobs ?? 20_000;
  const concurrency = options.concurrency ?? 128;
  const database = await openDatabase({ databaseUrl: options.databaseUrl, dataDir: 'memory' });
  await database.migrate();
  await database.orm.em.fork().execute('truncate table "jobs"');
  const nc = await connect({ servers: options.natsUrl });
  const jsm = await jetstreamManager(nc);
  for (const stream of [JOBS_STREAM, RAW_STREAM]) await jsm.streams.delete(stream).catch(() => false);
  const clock = new SystemClock();
  const uow = new MikroOrmUnitOfWork(database.orm);
  const queue = await JetStreamJobQueue.create(nc, pino({ level: 'silent' }));
  const ids = new UuidV7Ids();
  const scheduler = new JobScheduler({ ids, clock });
  try {
    const queuing = await jobQueuingRows({ uow, scheduler, queue, ids, clock }, { rounds: 3, seconds: 4, concurrency: 16 });
    await database.orm.em.fork().execute('truncate table "jobs", "outbox"');
    await jsm.streams.purge(JOBS_STREAM);
    let started = performance.now();
    for (let i = 0; i < total; i += 100) {
      await uow.transaction(async (repos) => {
        for (let j = 0; j < 100 && i + j < total; j++) await scheduler.schedule(repos, { type: 'bench.noop', data: {}, ownerId: null, maxAttempts: 3 });
      });
    }
    const enqueuePerSecond = total / ((performance.now() - started) / 1000);
    // The messages wait in the outbox until a relay hands them to JOBS.
    started = performance.now();
    await new OutboxRelay({ queue: new MikroOrmOutboxQueue(database.orm, clock), publisher: { publish: async () => undefined }, jobQueue: queue, batchSize: 500 }).drain();
    const relayPerSecond = total / ((performance.now() - started) / 1000);

    let done = 0;
    const runner = new JobRunner({ uow, clock, handlers: { 'bench.noop': async () => undefined }, onOutcome: () => done++ });
    started = performance.now();
    const worker = await queue.work(runner.handle, { concurrency });
    while (done < total) await new Promise((resolve) => setTimeout(resolve, 5));
    const ours = total / ((performance.now() - started) / 1000);
    await worker.stop();

    const raw = await rawWorkQueue(nc, total, concurrency);
    return [
      `| no-op jobs, ${total.toLocaleString('en')} queued, ${concurrency} at once | ${ours.toFixed(0)} jobs/s | raw work-queue pull + ack: ${raw.toFixed(0)} msg/s | **${(ours / raw).toFixed(2)}x** | ${ours >= 5_000 ? 'met' : 'not met'} (>= 5,000/s) |`,
      `| queueing jobs (row + outbox row, 100 per transaction) | ${enqueuePerSecond.toFixed(0)} jobs/s | | | |`,
      `| relaying queued jobs (outbox -> JOBS, 500 per batch) | ${relayPerSecond.toFixed(0)} jobs/s | | | |`,
      ...queuing,
    ];
  } finally {
    for (const stream of [JOBS_STREAM, RAW_STREAM]) await jsm.streams.delete(stream).catch(() => false);
    await nc.close();
    await database.close();
  }
}

/** Messages/s through a bare work queue: published first, then pulled `concurrency` at a time and acked. */
async function rawWorkQueue(nc: Awaited<ReturnType<typeof connect>>, total: number, concurrency: number): Promise<number> {
  const jsm = await jetstreamManager(nc);
  await jsm.streams.add({ name: RAW_STREAM, subjects: ['bench-raw.>'], retention: RetentionPolicy.Workqueue });
  await jsm.consumers.add(RAW_STREAM, { durable_name: 'raw', ack_policy: AckPolicy.Explicit });
  const js = jetstream(nc);
  for (let i = 0; i < total; i += 200) await Promise.all(Array.from({ length: Math.min(200, total - i) }, (_, j) => js.publish('bench-raw.noop', JSON.stringify({ id: i + j }))));
  const consumer = await js.consumers.get(RAW_STREAM, 'raw');
  const started = performance.now();
  const messages = await consumer.consume({ max_messages: concurrency });
  let acked = 0;
  for await (const message of messages) {
    message.ack();
    if (++acked === total) break;
  }
  return total / ((performance.now() - started) / 1000);
}
