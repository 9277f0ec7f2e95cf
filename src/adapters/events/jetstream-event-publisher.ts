import { jetstream, type JetStreamClient } from '@nats-io/jetstream';
import { connect, headers, type NatsConnection } from '@nats-io/transport-node';
import type { EventEnvelope, EventPublisher } from '../../application/ports/event-outbox.ts';
import { ensureStream } from '../nats/jetstream-setup.ts';

export const EVENTS_STREAM = 'EVENTS';
export const EVENT_SUBJECT_PREFIX = 'events.';
/** CloudEvents `source`: who published (a URI reference). */
export const EVENT_SOURCE = '/users-service';

/** How long JetStream remembers a message id to drop a duplicate: longer than any relay retry gap. */
const DUPLICATE_WINDOW_NS = 10 * 60 * 1_000_000_000;

/**
 * The NATS message of an event: the body and headers API.md ("Events") defines, and the headers
 * recorded with it (the `traceparent` of the change, when tracing is on).
 */
export function eventMessage(event: EventEnvelope): { subject: string; body: string; headers: Record<string, string> } {
  return {
    subject: `${EVENT_SUBJECT_PREFIX}${event.type}`,
    body: JSON.stringify({ id: event.id, type: event.type, data: event.data, timestamp: event.timestamp }),
    headers: {
      ...event.headers,
      'Nats-Msg-Id': event.id,
      'ce-specversion': '1.0',
      'ce-id': event.id,
      'ce-type': event.type,
      'ce-source': EVENT_SOURCE,
      'ce-time': new Date(event.timestamp).toISOString(),
      'content-type': 'application/json',
    },
  };
}

/**
 * Publishes to the JetStream stream EVENTS (created at start if missing, subjects `events.>`),
 * every event of a batch at once, each with `Nats-Msg-Id` = its id (msgID), so a batch published
 * again after a crash or a timeout is dropped by the stream's duplicate window. Resolves when the
 * stream acknowledged every one; any failure rejects the batch, which the outbox keeps for a retry.
 */
export class JetStreamEventPublisher implements EventPublisher {
  readonly #js: JetStreamClient;

  private constructor(js: JetStreamClient) {
    this.#js = js;
  }

  static async create(nc: NatsConnection): Promise<JetStreamEventPublisher> {
    await ensureEventsStream(nc);
    return new JetStreamEventPublisher(jetstream(nc, { timeout: 5000 }));
  }

  async publish(events: readonly EventEnvelope[]): Promise<void> {
    await Promise.all(
      events.map((event) => {
        const message = eventMessage(event);
        const h = headers();
        for (const [name, value] of Object.entries(message.headers)) if (name !== 'Nats-Msg-Id') h.set(name, value);
        return this.#js.publish(message.subject, message.body, { msgID: event.id, headers: h });
      }),
    );
  }
}

/** EVENTS, created if missing (see ensureStream). */
export function ensureEventsStream(nc: NatsConnection): Promise<void> {
  return ensureStream(nc, { name: EVENTS_STREAM, subjects: [`${EVENT_SUBJECT_PREFIX}>`], duplicate_window: DUPLICATE_WINDOW_NS });
}

/** A connection that keeps reconnecting for ever: the outbox holds events while NATS is away. */
export function connectNats(url: string): Promise<NatsConnection> {
  return connect({ servers: url, maxReconnectAttempts: -1, reconnectTimeWait: 500, name: 'users-service' });
}
