import type { NatsConnection } from '@nats-io/transport-node';
import type { Logger } from 'pino';
import type { EventPublisher } from '../../application/ports/event-outbox.ts';
import type { DomainEvent } from '../../domain/events.ts';
import { InProcessEventBus } from './in-process-event-bus.ts';
import { connectNats, JetStreamEventPublisher } from './jetstream-event-publisher.ts';

export type EventTransport = {
  publisher: EventPublisher;
  /** The in-process bus when there is no NATS_URL (for in-process consumers); undefined on NATS. */
  bus?: InProcessEventBus;
  /** For /readyz: undefined without NATS; else whether the connection is up. */
  ping?(): Promise<boolean>;
  close(): Promise<void>;
};

/**
 * NATS JetStream when NATS_URL is set, else the in-process bus. The NATS connection is made in the
 * background and retried for ever: until it is up, `publish` fails and the outbox keeps the events
 * (the relay retries with backoff), so the service starts and serves while NATS is away.
 */
export function eventTransport(natsUrl: string | undefined, logger: Logger): EventTransport {
  if (!natsUrl) {
    const bus = new InProcessEventBus((error, event) => logger.error({ err: error, eventId: event.id, type: event.type }, 'an in-process event handler failed'));
    return { publisher: bus, bus, close: () => bus.idle() };
  }
  let connection: NatsConnection | undefined;
  let publisher: JetStreamEventPublisher | undefined;
  let closed = false;
  const connecting = (async () => {
    for (let attempt = 1; !closed; attempt++) {
      try {
        connection = await connectNats(natsUrl);
        publisher = await JetStreamEventPublisher.create(connection);
        logger.info('nats connected; events go to the EVENTS stream');
        return;
      } catch (error) {
        await connection?.close().catch(() => undefined);
        connection = undefined;
        if (attempt === 1) logger.warn({ err: error }, 'nats unavailable: events wait in the outbox until it is back');
        await new Promise((resolve) => setTimeout(resolve, Math.min(attempt * 500, 5000)).unref());
      }
    }
  })();
  return {
    publisher: {
      publish: async (events: readonly DomainEvent[]) => {
        if (!publisher) throw new Error('nats is not connected yet');
        await publisher.publish(events);
      },
    },
    ping: async () => {
      if (!connection || connection.isClosed()) return false;
      try {
        await Promise.race([connection.flush(), new Promise((_, reject) => setTimeout(reject, 1000).unref())]);
        return true;
      } catch {
        return false;
      }
    },
    close: async () => {
      closed = true;
      await Promise.race([connecting, new Promise((resolve) => setTimeout(resolve, 100))]);
      await connection?.drain().catch(() => undefined);
    },
  };
}
