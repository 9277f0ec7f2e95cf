import type { EventType } from '../../domain/events.ts';
import type { EventEnvelope } from './event-outbox.ts';

/**
 * A consumer of events: a durable name (its position and its dead letters are kept under it, and
 * its processed event ids), the types it wants, and what to do with one. `handle` throwing means
 * "not done": the event comes again, after a backoff, up to MAX_DELIVERIES times in all; then it
 * goes to the dead letters and the consumer moves on.
 */
export type EventConsumer = Readonly<{
  name: string;
  types: readonly EventType[];
  handle(event: EventEnvelope): Promise<void>;
}>;

export type Subscription = { stop(): Promise<void> };

/** Delivers events to consumers at least once: NATS JetStream durable consumers, or in process. */
export interface EventSubscriber {
  subscribe(consumer: EventConsumer): Promise<Subscription>;
}

/** Deliveries of one event to one consumer before it is a dead letter. */
export const MAX_DELIVERIES = 5;

/** Wait before delivery n+1 after n failed ones: 1 s, 5 s, 30 s, 2 min. */
export function redeliveryDelayMs(deliveries: number): number {
  return [1_000, 5_000, 30_000, 120_000][Math.min(deliveries, 4) - 1] ?? 1_000;
}

/**
 * A handler that failed because a dependency is down (SERVICE_UNAVAILABLE: the database away) is no
 * fault of the event: it comes again after the shortest wait, redeliveryDelayMs(1), and is never a
 * dead letter however long the outage, so the consumer resumes as soon as the dependency is back.
 */
export function dependencyDown(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'SERVICE_UNAVAILABLE';
}
