/**
 * The events part of `npm run bench` (`--only events`): on the benchmark's PostgreSQL and the NATS at
 * NATS_URL (default nats://127.0.0.1:4222), in this process.
 *
 * - Outbox to JetStream throughput: N events committed to the outbox, then the relay publishes and
 *   deletes them all; beside it, the same N messages published straight to JetStream with jetstream
 *   publish and the same batch size (the raw baseline, no database).
 * - Commit to consumer latency: events committed one transaction at a time at a steady rate through
 *   the unit of work (which nudges the relay), received by a durable JetStream consumer; the time
 *   from the commit resolving to the handler running, p50 / p99.
 */
import { InProcessJobQueue } from '../src/adapters/jobs/in-process-job-queue.ts';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { pino } from 'pino';
import { JetStreamEventPublisher } from '../src/adapters/events/jetstream-event-publisher.ts';
import { JetStreamEventSubscriber } from '../src/adapters/events/jetstream-event-subscriber.ts';
import { MikroOrmOutboxQueue } from '../src/adapters/persistence/mikro-orm/mikro-orm-outbox.ts';
import { MikroOrmUnitOfWork } from '../src/adapters/persistence/mikro-orm/mikro-orm-unit-of-work.ts';
import { openDatabase } from '../src/adapters/persistence/mikro-orm/orm.ts';
import { SystemClock } from '../src/adapters/system/system-clock.ts';
import { UuidV7Ids } from '../src/adapters/system/uuid-v7-ids.ts';
import { OutboxRelay } from '../src/application/events/outbox-relay.ts';
import type { DomainEvent } from '../src/domain/events.ts';

const BATCH = 200;

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;

export async function eventScenarios(options: { databaseUrl: string; natsUrl: string; events?: number; latencySamples?: number }): Promise<string[]> {
  const total = options.events ?? 20_000;
  const samples = options.latencySamples ?? 2_000;
  const database = await openDatabase({ databaseUrl: options.databaseUrl, dataDir: 'memory' });
  await database.migrate();
  const nc = await connect({ servers: options.natsUrl });
  const jsm = await jetstreamManager(nc);
  await jsm.streams.delete('EVENTS').catch(() => false); // a fresh stream: no earlier run's messages
  const publisher = await JetStreamEventPublisher.create(nc);
  const clock = new SystemClock();
  const ids = new UuidV7Ids();
  const queue = new MikroOrmOutboxQueue(database.orm, clock);
  const anEvent = (): DomainEvent => ({ id: ids.next(), type: 'user.updated', data: { id: ids.next(), name: 'Bench' }, timestamp: Date.now() });
  const rows: string[] = [];
  try {
    // Throughput: commit N events (100 per transaction), then time the relay draining them.
    const uow = new MikroOrmUnitOfWork(database.orm);
    for (let i = 0; i < total; i += 100) {
      await uow.transaction(async (repos) => {
        for (let j = 0; j < 100 && i + j < total; j++) await repos.outbox.add(anEvent());
      });
    }
    const relay = new OutboxRelay({ queue, publisher, jobQueue: new InProcessJobQueue(), batchSize: BATCH });
    let started = performance.now();
    const published = await relay.drain();
    const relaySeconds = (performance.now() - started) / 1000;
    // The raw baseline: the same number of messages, straight to JetStream, BATCH at a time.
    const js = jetstream(nc);
    started = performance.now();
    for (let i = 0; i < total; i += BATCH) {
      await Promise.all(Array.from({ length: Math.min(BATCH, total - i) }, (_, j) => js.publish('events.user.updated', JSON.stringify(anEvent()), { msgID: `raw-${i + j}-${ids.next()}` })));
    }
    const rawSeconds = (performance.now() - started) / 1000;
    const ours = published / relaySeconds;
    const raw = total / rawSeconds;
    rows.push(
      `| outbox -> JetStream, ${published.toLocaleString('en')} events | ${ours.toFixed(0)} events/s | raw jetstream publish: ${raw.toFixed(0)} msg/s | **${(ours / raw).toFixed(2)}x** | ${ours >= 10_000 ? 'met' : 'not met'} (>= 10,000/s) |`,
    );

    // Latency: one event per transaction at a steady rate, received by a durable consumer.
    const committedAt = new Map<string, number>();
    const latencies: number[] = [];
    const subscriber = new JetStreamEventSubscriber(nc, pino({ level: 'silent' }));
    const subscription = await subscriber.subscribe({
      name: `bench-latency-${Date.now()}`,
      types: ['post.created'],
      handle: async (event) => {
        const at = committedAt.get(event.id);
        if (at !== undefined) latencies.push(performance.now() - at);
      },
    });
    const live = new OutboxRelay({ queue, publisher, jobQueue: new InProcessJobQueue(), batchSize: BATCH, pollIntervalMs: 500 });
    const nudged = new MikroOrmUnitOfWork(database.orm, () => live.nudge());
    live.start();
    for (let i = 0; i < samples; i++) {
      const event: DomainEvent = { ...anEvent(), type: 'post.created' };
      // From just before the transaction: its commit can reach the consumer before this line resumes.
      committedAt.set(event.id, performance.now());
      await nudged.transaction((repos) => repos.outbox.add(event));
      if (i % 10 === 9) await new Promise((resolve) => setTimeout(resolve, 5)); // about 1,000 commits/s at most
    }
    const deadline = Date.now() + 30_000;
    while (latencies.length < samples && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    await live.stop();
    await subscription.stop();
    const sorted = latencies.sort((a, b) => a - b);
    const p99 = percentile(sorted, 99);
    rows.push(
      `| transaction start -> consumer, ${sorted.length.toLocaleString('en')} of ${samples.toLocaleString('en')} events | p50 ${percentile(sorted, 50).toFixed(1)} ms, p99 ${p99.toFixed(1)} ms | | | ${p99 <= 50 ? 'met' : 'not met'} (p99 <= 50 ms) |`,
    );
  } finally {
    await jsm.streams.delete('EVENTS').catch(() => false);
    await nc.close();
    await database.close();
  }
  return rows;
}
