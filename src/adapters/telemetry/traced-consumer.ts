import type { EventConsumer } from '../../application/ports/event-subscriber.ts';
import { inSpan } from './tracing.ts';

/**
 * The consumer, each event handled in a consumer span continuing the trace the event carries (its
 * `traceparent`: the change that made it). An event without one starts a trace of its own rather
 * than joining whatever happened to be active where the transport delivered it.
 */
export function tracedConsumer(consumer: EventConsumer, system: 'nats' | 'in_process'): EventConsumer {
  return {
    ...consumer,
    handle: (event) =>
      inSpan(
        `process events.${event.type}`,
        {
          kind: 'consumer',
          parent: event.headers ?? {},
          attributes: {
            'messaging.system': system,
            'messaging.operation.type': 'process',
            'messaging.destination.name': `events.${event.type}`,
            'messaging.consumer.group.name': consumer.name,
            'messaging.message.id': event.id,
          },
        },
        () => consumer.handle(event),
      ),
  };
}
