import type { DomainEvent } from '../../domain/events.ts';
import type { JobMessage } from './job-queue.ts';
import type { MessageHeaders } from './message-headers.ts';

/** An event with the headers recorded with it (see MessageHeaders); never part of its body. */
export type EventEnvelope = DomainEvent & Readonly<{ headers?: MessageHeaders }>;

/**
 * Where a use case records the events of its change, and the jobs it starts, inside the unit of
 * work's transaction: they commit with the change or not at all (the transactional outbox). A relay
 * publishes them later: events to the event stream, job messages to the job queue.
 */
export interface EventOutbox {
  add(event: DomainEvent): Promise<void>;
  /** A job message, due from `queuedAt`; its `headers` are kept and handed to the job queue with it. */
  addJob(job: JobMessage, queuedAt: Date): Promise<void>;
}

/** An event waiting in the outbox, with how many times publishing it has failed. */
export type PendingEvent = Readonly<{ event: EventEnvelope; attempts: number }>;

/** A job message waiting in the outbox (headers included when it has some). */
export type PendingJob = Readonly<{ job: JobMessage; attempts: number }>;

/**
 * The relay's side of the outbox. `publishBatch` claims up to `limit` events that are due, in the
 * order they were recorded, locked so that concurrent relays (in this process or others) each get
 * different ones, and hands them to `publish`. When `publish` resolves they are removed; when it
 * throws they stay, each due again after `retryDelayMs(attempts)`, and the error is rethrown.
 * Resolves with how many were published.
 */
export interface OutboxQueue {
  publishBatch(limit: number, publish: (events: readonly PendingEvent[]) => Promise<void>, retryDelayMs: (attempts: number) => number): Promise<number>;
  /** The same for the job messages: claimed, ordered and retried apart from the events. */
  publishJobBatch(limit: number, publish: (jobs: readonly PendingJob[]) => Promise<void>, retryDelayMs: (attempts: number) => number): Promise<number>;
  /** Makes every event waiting for a retry due now (the broker is back: no reason to wait out a backoff). */
  retryNow(): Promise<void>;
  /** How far behind the relay is: records (events and jobs) waiting, and the age of the oldest in ms (0 when none). */
  lag(): Promise<Readonly<{ pending: number; oldestAgeMs: number }>>;
}

/**
 * Delivers events to their consumers: NATS JetStream, or an in-process bus. Resolves once every
 * event is accepted (acknowledged by the stream); publishing an event twice is harmless (its id
 * deduplicates), so a batch may be retried as a whole.
 */
export interface EventPublisher {
  publish(events: readonly EventEnvelope[]): Promise<void>;
}
