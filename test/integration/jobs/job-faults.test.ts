import { jetstreamManager } from '@nats-io/jetstream';
import { describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { JetStreamJobQueue, JOBS_STREAM } from '../../../src/adapters/jobs/jetstream-job-queue.ts';
import { UuidV7Ids } from '../../../src/adapters/system/uuid-v7-ids.ts';
import { SystemClock } from '../../../src/adapters/system/system-clock.ts';
import { JobRunner, type JobHandler } from '../../../src/application/jobs/job-runner.ts';
import type { JobWorker } from '../../../src/application/ports/job-queue.ts';
import { until } from '../../support/until.ts';
import { jobsWorldForThisFile } from '../../support/job-fixtures.ts';

const shared = jobsWorldForThisFile();

async function workers(handlers: Record<string, JobHandler>, concurrency = 8): Promise<JobWorker> {
  const runner = new JobRunner({ uow: shared.world.uow, clock: new SystemClock(), handlers, leaseMs: 2000, backoff: { baseMs: 200, maxMs: 5000 } });
  return shared.world.queue.work(runner.handle, { concurrency });
}

describe('jobs on a real nats-server under faults', () => {
  it('a poison job lands in the dead letters after maxAttempts, with the backoff between tries', async () => {
    const tries: number[] = [];
    const worker = await workers({
      'test.poison': async () => {
        tries.push(Date.now());
        throw new Error('cannot parse the attachment');
      },
    });
    const job = await shared.world.schedule('test.poison', 4);
    await until(async () => (await shared.world.uow.read((repos) => repos.jobs.findById(job.id)))?.status === 'failed', 20_000);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await worker.stop();

    expect(await shared.world.uow.read((repos) => repos.jobs.findById(job.id))).toMatchObject({ status: 'failed', attempts: 4, maxAttempts: 4, error: 'An unexpected error occurred' });
    expect(tries).toHaveLength(4); // and none after it failed
    const gaps = tries.slice(1).map((at, i) => at - tries[i]!);
    // base 200 ms doubling, with equal jitter: at least 100, 200, 400 ms; at most 200, 400, 800 (plus delivery).
    gaps.forEach((gap, i) => {
      expect(gap).toBeGreaterThanOrEqual(100 * 2 ** i - 5);
      expect(gap).toBeLessThan(200 * 2 ** i + 500);
    });
    // Acknowledged: the work queue holds nothing more of it.
    expect((await (await jetstreamManager(shared.world.nc)).streams.info(JOBS_STREAM)).state.messages).toBe(0);
  }, 30_000);

  it('a job running several ack waits long is not redelivered meanwhile: its worker sends heartbeats', async () => {
    const queue = await JetStreamJobQueue.create(shared.world.nc, pino({ level: 'silent' }), { ackWaitMs: 1000 });
    const deliveries: number[] = [];
    let finished = false;
    const worker = await queue.work(async (delivery) => {
      deliveries.push(delivery.deliveries);
      await new Promise((resolve) => setTimeout(resolve, 3500));
      finished = true;
      return 'done';
    }, { concurrency: 2 }); // a free slot: a redelivery would be taken (and seen) at once
    await queue.enqueue({ id: new UuidV7Ids().next(), type: 'test.slow' });
    await until(() => finished, 10_000);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await worker.stop();
    expect(deliveries).toEqual([1]);
    // Back to the file's ack wait for the tests after this one.
    await JetStreamJobQueue.create(shared.world.nc, pino({ level: 'silent' }), { ackWaitMs: 2000 });
  }, 20_000);

  it('NATS killed and restarted mid-run: every job still runs, exactly once', async () => {
    const runs = new Map<string, number>();
    const worker = await workers({
      'test.record': async (job) => {
        runs.set(job.id, (runs.get(job.id) ?? 0) + 1);
        await new Promise((resolve) => setTimeout(resolve, 5));
      },
    });
    const jobs = await shared.world.scheduleMany('test.record', 3, 300);
    await until(() => runs.size >= 60, 20_000);
    await shared.nats.kill();
    expect(runs.size).toBeLessThan(300); // mid-run
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await shared.nats.start();
    await until(async () => {
      const statuses = await shared.world.statuses();
      return (statuses.queued ?? 0) + (statuses.running ?? 0) === 0;
    }, 60_000);
    await worker.stop();
    const statuses = await Promise.all(jobs.map((job) => shared.world.uow.read((repos) => repos.jobs.findById(job.id))));
    expect(statuses.every((job) => job?.status === 'succeeded')).toBe(true);
    expect([...runs.keys()].sort()).toEqual(jobs.map((job) => job.id).sort());
    expect([...runs.values()].every((count) => count === 1)).toBe(true);
  }, 90_000);
});
