import type { JobDelivery, JobVerdict } from '../../application/ports/job-queue.ts';
import { inSpan } from './tracing.ts';

/**
 * A job queue's handler, each delivery run in a consumer span continuing the trace of the work
 * that queued the job (the message's `traceparent`); a job queued by no traced work (the periodic
 * ones) starts a trace of its own.
 */
export function tracedJobs(handle: (delivery: JobDelivery) => Promise<JobVerdict>, system: 'nats' | 'in_process'): (delivery: JobDelivery) => Promise<JobVerdict> {
  return (delivery) =>
    inSpan(
      `process jobs.${delivery.type}`,
      {
        kind: 'consumer',
        parent: delivery.headers ?? {},
        attributes: {
          'messaging.system': system,
          'messaging.operation.type': 'process',
          'messaging.destination.name': `jobs.${delivery.type}`,
          'messaging.message.id': delivery.id,
          'messaging.message.delivery_count': delivery.deliveries,
        },
      },
      async (span) => {
        const verdict = await handle(delivery);
        span.setAttributes({ 'job.verdict': verdict === 'done' ? 'done' : 'again' });
        return verdict;
      },
    );
}
