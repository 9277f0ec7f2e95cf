import { jetstreamManager, RetentionPolicy } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { JOBS_STREAM } from '../../../src/adapters/jobs/jetstream-job-queue.ts';
import { SystemClock } from '../../../src/adapters/system/system-clock.ts';
import { JobRunner } from '../../../src/application/jobs/job-runner.ts';
import { OVERDUE_MS, requeueOverdue } from '../../../src/application/jobs/handlers/requeue.ts';
import { queuedJob } from '../../../src/domain/jobs.ts';
import { until } from '../../support/until.ts';
import { jobsWorld, type JobsWorld } from '../../support/job-fixtures.ts';
import { startPrivateNats, type PrivateNats } from '../../support/nats-server.ts';

let nats: PrivateNats;
let nc: NatsConnection;
let world: JobsWorld;

beforeAll(async () => {
  nats = await startPrivateNats();
  nc = await connect({ servers: nats.url });
  // JOBS made here, with a 1 s duplicate window in place of 10 minutes, so the test need not wait
  // out the window before a message can be published again under the job's id.
  await (await jetstreamManager(nc)).streams.add({ name: JOBS_STREAM, subjects: ['jobs.>'], retention: RetentionPolicy.Workqueue, duplicate_window: 1_000_000_000 });
  world = await jobsWorld(nats.url); // finds the stream and leaves it as it is
});

afterAll(async () => {
  await world?.close();
  await nc?.close();
  await nats?.stop();
});

it('a job whose message the broker lost runs after the requeue job finds it overdue', async () => {
  const job = await world.schedule('test.record', 3);
  await (await jetstreamManager(nc)).streams.purge(JOBS_STREAM); // the message is gone; the row says queued
  await new Promise((resolve) => setTimeout(resolve, 1200)); // past the (shortened) duplicate window
  const runs: string[] = [];
  const runner = new JobRunner({ uow: world.uow, clock: new SystemClock(), handlers: { 'test.record': async (running) => void runs.push(running.id) } });
  const worker = await world.queue.work(runner.handle, { concurrency: 2 });
  try {
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(runs).toEqual([]); // nothing to deliver: lost

    const later = { now: () => new Date(Date.now() + OVERDUE_MS + 1000) };
    const trigger = queuedJob({ id: crypto.randomUUID(), type: 'maintenance.requeue', data: {}, maxAttempts: 1, ownerId: null, now: new Date() });
    await requeueOverdue({ uow: world.uow, clock: later, queue: world.queue })(trigger, { signal: new AbortController().signal });
    await until(() => runs.length === 1);
    expect(runs).toEqual([job.id]);
    await until(async () => (await world.uow.read((repos) => repos.jobs.findById(job.id)))?.status === 'succeeded');
  } finally {
    await worker.stop();
  }
}, 30_000);
