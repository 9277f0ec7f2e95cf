import type { EventConsumer } from '../../application/ports/event-subscriber.ts';
import type { JobDelivery, JobVerdict } from '../../application/ports/job-queue.ts';
import type { MessageHeaders } from '../../application/ports/message-headers.ts';
import { inSpan, type ActiveSpan, type SpanAttributes } from './tracing.ts';

export type MessagingSystem = 'nats' | 'in_process';

/**
 * Handling one message in a consumer span that continues the trace the message carries (its
 * `traceparent`: the work that sent it). A message without one starts a trace of its own rather
 * than joining whatever happened to be active where the transport delivered it.
 */
function processSpan<T>(system: MessagingSystem, destination: string, message: Readonly<{ id: string; headers?: MessageHeaders }>, attributes: SpanAttributes, work: (span: ActiveSpan) => Promise<T>): Promise<T> {
  return inSpan(
    `process ${destination}`,
    {
      kind: 'consumer',
      parent: message.headers ?? {},
      attributes: { 'messaging.system': system, 'messaging.operation.type': 'process', 'messaging.destination.name': destination, 'messaging.message.id': message.id, ...attributes },
    },
    work,
  );
}

/** The consumer, each event handled in a span continuing the trace of the change that made it. */
export function tracedConsumer(consumer: EventConsumer, system: MessagingSystem): EventConsumer {
  return {
    ...consumer,
    handle: (event) => processSpan(system, `events.${event.type}`, event, { 'messaging.consumer.group.name': consumer.name }, () => consumer.handle(event)),
  };
}

/** A job queue's handler, each delivery run in a span continuing the trace of the work that queued the job (periodic jobs start their own). */
export function tracedJobs(handle: (delivery: JobDelivery) => Promise<JobVerdict>, system: MessagingSystem): (delivery: JobDelivery) => Promise<JobVerdict> {
  return (delivery) =>
    processSpan(system, `jobs.${delivery.type}`, delivery, { 'messaging.message.delivery_count': delivery.deliveries }, async (span) => {
      const verdict = await handle(delivery);
      span.setAttributes({ 'job.verdict': verdict === 'done' ? 'done' : 'again' });
      return verdict;
    });
}
