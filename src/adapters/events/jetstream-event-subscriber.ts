import { AckPolicy, jetstream, type JetStreamClient, type JsMsg } from '@nats-io/jetstream';
import { headers, type NatsConnection } from '@nats-io/transport-node';
import type { Logger } from 'pino';
import { dependencyDown, MAX_DELIVERIES, redeliveryDelayMs, type EventConsumer, type EventSubscriber, type Subscription } from '../../application/ports/event-subscriber.ts';
import { isEventType, type DomainEvent, type EventType } from '../../domain/events.ts';
import { ensureEventsStream, EVENT_SUBJECT_PREFIX, EVENTS_STREAM } from './jetstream-event-publisher.ts';
import { ensureConsumer, ensureStream } from '../nats/jetstream-setup.ts';
import { receivedTraceHeaders } from '../nats/trace-headers.ts';
import type { EventEnvelope } from '../../application/ports/event-outbox.ts';
import type { MessageHeaders } from '../../application/ports/message-headers.ts';

export const DEAD_LETTER_STREAM = 'DEAD_LETTERS';
export const DEAD_LETTER_PREFIX = 'dead.';

/**
 * Durable JetStream consumers on EVENTS, one per EventConsumer (its name is the durable name, so
 * every instance of the service shares it and each event goes to one of them), with explicit acks:
 * an event is acknowledged only once `handle` resolved. A failure is NAKed with a growing delay
 * (redeliveryDelayMs); at the MAX_DELIVERIES-th failure the message is copied to the stream
 * DEAD_LETTERS (`dead.<consumer>.<type>`, with the error and the delivery count in headers) and
 * terminated, so the consumer moves on. The server's own max_deliver is left unlimited: a process
 * that dies mid-delivery gets the message redelivered, and the count decides.
 */
export class JetStreamEventSubscriber implements EventSubscriber {
  readonly #nc: NatsConnection;
  readonly #js: JetStreamClient;
  readonly #logger: Logger;
  readonly #delayMs: (deliveries: number) => number;

  /** `redeliveryDelayMs`: the wait after n failed deliveries (default the port's 1 s to 2 min; tests shorten it). */
  constructor(nc: NatsConnection, logger: Logger, options: { redeliveryDelayMs?: (deliveries: number) => number } = {}) {
    this.#nc = nc;
    this.#js = jetstream(nc);
    this.#logger = logger;
    this.#delayMs = options.redeliveryDelayMs ?? redeliveryDelayMs;
  }

  async subscribe(consumer: EventConsumer): Promise<Subscription> {
    await ensureEventsStream(this.#nc);
    await ensureDeadLetterStream(this.#nc);
    const config = {
      durable_name: consumer.name,
      ack_policy: AckPolicy.Explicit,
      filter_subject: filterSubject(consumer.types),
      ack_wait: 30_000_000_000, // 30 s in ns: longer than a handler should ever take
    };
    await ensureConsumer(this.#nc, EVENTS_STREAM, config);
    const messages = await (await this.#js.consumers.get(EVENTS_STREAM, consumer.name)).consume({ max_messages: 8 }); // few at a time: handled one by one, the rest must not outwait ack_wait
    const loop = (async () => {
      for await (const message of messages) await this.#handle(consumer, message);
    })();
    return {
      // No new message is taken; the one in hand is finished (acked, or NAKed for redelivery).
      stop: async () => {
        await messages.close();
        await loop;
      },
    };
  }

  async #handle(consumer: EventConsumer, message: JsMsg): Promise<void> {
    const deliveries = message.info.deliveryCount;
    let event: EventEnvelope;
    try {
      event = withHeaders(parseEvent(message.json()), receivedTraceHeaders(message.headers));
    } catch (error) {
      return this.#deadLetter(consumer, message, deliveries, error); // it will never parse: no retry
    }
    if (!consumer.types.includes(event.type)) return message.ack(); // under a wider filter subject: not ours
    try {
      await consumer.handle(event);
      message.ack();
    } catch (error) {
      const waiting = dependencyDown(error);
      if (deliveries >= MAX_DELIVERIES && !waiting) return this.#deadLetter(consumer, message, deliveries, error);
      this.#logger.warn({ err: error, consumer: consumer.name, eventId: event.id, deliveries }, 'event handler failed; the event comes again');
      message.nak(this.#delayMs(waiting ? 1 : deliveries));
    }
  }

  async #deadLetter(consumer: EventConsumer, message: JsMsg, deliveries: number, error: unknown): Promise<void> {
    const reason = error instanceof Error ? error.message : String(error);
    const h = headers();
    for (const [key, values] of message.headers ?? []) for (const value of values) if (key !== 'Nats-Msg-Id') h.append(key, value);
    h.set('dead-consumer', consumer.name);
    h.set('dead-deliveries', String(deliveries));
    h.set('dead-error', reason.slice(0, 500));
    h.set('dead-subject', message.subject);
    const type = message.subject.startsWith(EVENT_SUBJECT_PREFIX) ? message.subject.slice(EVENT_SUBJECT_PREFIX.length) : 'unknown';
    try {
      await this.#js.publish(`${DEAD_LETTER_PREFIX}${consumer.name}.${type}`, message.data, {
        msgID: `${consumer.name}:${message.headers?.get('Nats-Msg-Id') || message.seq}`,
        headers: h,
      });
    } catch (publishError) {
      // Not stored: leave the message for a redelivery rather than lose it.
      this.#logger.error({ err: publishError, consumer: consumer.name }, 'could not store a dead letter; the event comes again');
      message.nak(this.#delayMs(MAX_DELIVERIES));
      return;
    }
    this.#logger.error({ consumer: consumer.name, subject: message.subject, deliveries, error: reason }, 'event dead-lettered');
    message.term('dead-lettered');
  }
}

/**
 * One filter subject (NATS servers before 2.10, Debian's 2.9 included, take no list): the type's own
 * subject, `events.<entity>.>` when the types share an entity, else every event; the handler skips
 * (acknowledges) types it did not ask for.
 */
function filterSubject(types: readonly EventType[]): string {
  if (types.length === 1) return `${EVENT_SUBJECT_PREFIX}${types[0]}`;
  const entities = new Set(types.map((type) => type.split('.')[0]));
  return entities.size === 1 ? `${EVENT_SUBJECT_PREFIX}${[...entities][0]}.>` : `${EVENT_SUBJECT_PREFIX}>`;
}

function parseEvent(body: unknown): DomainEvent {
  const candidate = body as Partial<DomainEvent> | null;
  if (!candidate || typeof candidate.id !== 'string' || typeof candidate.type !== 'string' || !isEventType(candidate.type)) {
    throw new Error('not an event: id and a known type are required');
  }
  if (typeof candidate.data !== 'object' || candidate.data === null || typeof candidate.timestamp !== 'number') throw new Error('not an event: data and timestamp are required');
  return { id: candidate.id, type: candidate.type, data: candidate.data, timestamp: candidate.timestamp };
}

function withHeaders(event: DomainEvent, headers: MessageHeaders | undefined): EventEnvelope {
  return headers ? { ...event, headers } : event;
}

/** Dead letters are kept for inspection and replay: a stream of their own, created if missing. */
export function ensureDeadLetterStream(nc: NatsConnection): Promise<void> {
  return ensureStream(nc, { name: DEAD_LETTER_STREAM, subjects: [`${DEAD_LETTER_PREFIX}>`] });
}
