import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import { eventTransport, type EventTransport } from '../adapters/events/event-transport.ts';
import { MikroOrmOutboxQueue } from '../adapters/persistence/mikro-orm/mikro-orm-outbox.ts';
import { MikroOrmUnitOfWork } from '../adapters/persistence/mikro-orm/mikro-orm-unit-of-work.ts';
import type { Database } from '../adapters/persistence/mikro-orm/orm.ts';
import { OutboxRelay } from '../application/events/outbox-relay.ts';
import type { Clock } from '../application/ports/clock.ts';
import type { UnitOfWork } from '../application/ports/unit-of-work.ts';
import { tracedUnitOfWork } from './tracing.ts';

export type EventPipeline = {
  outbox: MikroOrmOutboxQueue;
  /** NATS JetStream or in process: events out, consumers in, and the job queue. */
  transport: EventTransport;
  /** Publishes what the outbox holds (events, and job messages to the job queue); started with the other loops (node-loops.ts). */
  relay: OutboxRelay;
  /** Transactions whose events commit with them, and nudge the relay when they do. */
  uow: UnitOfWork;
  close(): Promise<void>;
};

/** Outbox, transport, relay, then the hook that joins them: each built before it is used. */
export async function buildEventPipeline(config: Config, database: Database, clock: Clock, logger: Logger): Promise<EventPipeline> {
  const outbox = new MikroOrmOutboxQueue(database.orm, clock);
  const transport = await eventTransport(config.NATS_URL, logger, { ackWaitMs: config.JOB_LEASE_SECONDS * 1000 });
  const relay = new OutboxRelay({ queue: outbox, publisher: transport.publisher, jobQueue: transport.jobQueue, onError: relayErrorLogger(logger) });
  // NATS (back) up: what waits for a retry is due now, and the relay looks at once.
  transport.onConnected(() => {
    void outbox.retryNow().then(() => relay.nudge(), (error: unknown) => logger.warn({ err: error }, 'could not reschedule the outbox'));
  });
  const uow = tracedUnitOfWork(new MikroOrmUnitOfWork(database.orm, () => relay.nudge()));
  return { outbox, transport, relay, uow, close: () => transport.close() };
}

/** One warning per run of failures (a NATS outage fails every batch), and a line when it recovers. */
function relayErrorLogger(logger: Logger): (error: unknown) => void {
  let last = 0;
  return (error) => {
    const now = Date.now();
    if (now - last < 30_000) return;
    last = now;
    logger.warn({ err: error }, 'publishing events failed; they stay in the outbox and are retried');
  };
}
