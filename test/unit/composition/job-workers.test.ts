import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import type { EventTransport } from '../../../src/adapters/events/event-transport.ts';
import { InProcessJobQueue } from '../../../src/adapters/jobs/in-process-job-queue.ts';
import { DUPLICATE_WINDOW_MS } from '../../../src/application/ports/job-queue.ts';
import { UuidV7Ids } from '../../../src/adapters/system/uuid-v7-ids.ts';
import { OVERDUE_MS } from '../../../src/application/jobs/handlers/requeue.ts';
import { queuedJob } from '../../../src/domain/jobs.ts';
import { startJobWorkers } from '../../../src/composition/jobs.ts';
import { until } from '../../support/until.ts';
import { InMemoryUnitOfWork } from '../../support/in-memory-unit-of-work.ts';

/** The workers as src/composition/jobs.ts wires them for the service and `npm run worker`, over the in-process queue. */
function transportOver(queue: InProcessJobQueue): EventTransport {
  return {
    publisher: { publish: async () => undefined },
    subscribe: () => ({ stop: async () => undefined }),
    jobQueue: queue,
    jobsInProcess: true,
    onConnected: () => undefined,
    stopConnecting: () => undefined,
    close: async () => undefined,
  };
}

describe('job workers at a shutdown', () => {
  it('abort the jobs still running when the grace runs out: they are released, and stop returns', async () => {
    const uow = new InMemoryUnitOfWork();
    const queue = new InProcessJobQueue();
    let started = false;
    const workers = await startJobWorkers({
      transport: transportOver(queue),
      uow,
      clock: { now: () => new Date() },
      logger: pino({ level: 'silent' }),
      handlers: {
        'test.endless': async (_job, { signal }) => {
          started = true;
          await new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason as Error)));
        },
      },
      concurrency: 1,
      leaseMs: 60_000,
    });
    const job = queuedJob({ id: new UuidV7Ids().next(), type: 'test.endless', data: {}, maxAttempts: 3, ownerId: null, now: new Date() });
    await uow.transaction((repos) => repos.jobs.add(job));
    await queue.enqueue({ id: job.id, type: job.type });
    await until(() => started);
    const begun = Date.now();
    workers.abortAfter(100);
    await workers.stop();
    expect(Date.now() - begun).toBeGreaterThanOrEqual(90);
    expect(await uow.jobs.findById(job.id)).toMatchObject({ status: 'queued', attempts: 1, maxAttempts: 4 });
    queue.close();
  });

  it('requeue waits out the duplicate window: a job it queues again is not dropped as a duplicate', () => {
    expect(OVERDUE_MS).toBeGreaterThanOrEqual(DUPLICATE_WINDOW_MS);
  });
});
