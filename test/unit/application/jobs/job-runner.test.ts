import { describe, expect, it } from 'vitest';
import { UuidV7Ids } from '../../../../src/adapters/system/uuid-v7-ids.ts';
import { jobBackoffMs, JobRunner, type JobHandler, type JobOutcome } from '../../../../src/application/jobs/job-runner.ts';
import { ValidationError } from '../../../../src/domain/errors.ts';
import { queuedJob, type Job } from '../../../../src/domain/jobs.ts';
import { EPOCH, FixedClock } from '../../../support/fixed-clock.ts';
import { InMemoryUnitOfWork } from '../../../support/in-memory-unit-of-work.ts';

const ids = new UuidV7Ids();
const BACKOFF = { baseMs: 1000, maxMs: 60_000 };

function harness(handler: JobHandler, options: { maxAttempts?: number; leaseMs?: number } = {}) {
  const uow = new InMemoryUnitOfWork();
  const clock = new FixedClock(EPOCH);
  const outcomes: [string, JobOutcome][] = [];
  const runner = new JobRunner({
    uow,
    clock,
    handlers: { 'test.job': handler },
    leaseMs: options.leaseMs ?? 60_000,
    backoff: BACKOFF,
    random: () => 0.5,
    onOutcome: (job, outcome) => outcomes.push([job.id, outcome]),
  });
  const add = async (type = 'test.job'): Promise<Job> => {
    const job = queuedJob({ id: ids.next(), type, data: { n: 1 }, maxAttempts: options.maxAttempts ?? 3, ownerId: null, now: clock.now() });
    await uow.transaction((repos) => repos.jobs.add(job));
    return job;
  };
  const stored = (id: string) => uow.jobs.findById(id);
  return { uow, clock, runner, outcomes, add, stored, deliver: (job: Job, deliveries = 1) => runner.handle({ id: job.id, type: job.type, deliveries }) };
}

describe('JobRunner', () => {
  it('runs a job once, keeps its result, and acknowledges; a second delivery does nothing', async () => {
    let runs = 0;
    const { add, deliver, stored, uow, outcomes } = harness(async (job) => {
      runs++;
      return `result of ${String(job.data.n)}`;
    });
    const job = await add();
    expect(await deliver(job)).toBe('done');
    expect(await stored(job.id)).toMatchObject({ status: 'succeeded', attempts: 1 });
    expect(await uow.jobs.resultOf(job.id)).toBe('result of 1');
    expect(await deliver(job, 2)).toBe('done');
    expect(runs).toBe(1);
    expect(outcomes).toEqual([[job.id, 'succeeded']]);
  });

  it('queues a failed attempt again after an exponential backoff, then fails the job for good after maxAttempts', async () => {
    const { add, deliver, stored, clock, outcomes } = harness(async () => {
      throw new Error('smtp timeout');
    });
    const job = await add();
    expect(await deliver(job)).toEqual({ retryInMs: 750 }); // half of 1 s, plus half of that at random 0.5
    expect(await stored(job.id)).toMatchObject({ status: 'queued', attempts: 1, error: 'An unexpected error occurred' });
    expect(await deliver(job, 2)).toEqual({ retryInMs: 750 }); // too early: waits out the rest of the backoff
    clock.advance(750);
    expect(await deliver(job, 3)).toEqual({ retryInMs: 1500 });
    clock.advance(1500);
    expect(await deliver(job, 4)).toBe('done');
    expect(await stored(job.id)).toMatchObject({ status: 'failed', attempts: 3 });
    expect(outcomes.map(([, outcome]) => outcome)).toEqual(['retried', 'retried', 'failed']);
  });

  it("shows a typed error's message to the job's owner, and nothing of any other error", async () => {
    const typed = harness(async () => {
      throw new ValidationError({ status: 'Unknown status' }, 'The export filters are not valid');
    }, { maxAttempts: 1 });
    const job = await typed.add();
    await typed.deliver(job);
    expect((await typed.stored(job.id))?.error).toBe('The export filters are not valid');
    const raw = harness(async () => {
      throw new Error('connect ECONNREFUSED 10.0.0.7:5432 relation "users"');
    }, { maxAttempts: 1 });
    const other = await raw.add();
    await raw.deliver(other);
    expect((await raw.stored(other.id))?.error).toBe('An unexpected error occurred');
  });

  it('fails a job of a type it has no handler for, after its attempts', async () => {
    const { add, deliver, stored } = harness(async () => undefined, { maxAttempts: 1 });
    const job = await add('no.such.type');
    expect(await deliver(job)).toBe('done');
    expect(await stored(job.id)).toMatchObject({ status: 'failed', attempts: 1 });
  });

  it('waits for a job whose row is not there yet, then drops the message', async () => {
    const { deliver } = harness(async () => undefined);
    const ghost = queuedJob({ id: ids.next(), type: 'test.job', data: {}, maxAttempts: 1, ownerId: null, now: EPOCH });
    expect(await deliver(ghost, 1)).toEqual({ retryInMs: 50 }); // its commit is usually just behind
    expect(await deliver(ghost, 4)).toEqual({ retryInMs: 3200 });
    expect(await deliver(ghost, 9)).toEqual({ retryInMs: 30_000 });
    expect(await deliver(ghost, 10)).toBe('done'); // about 2 minutes on: it rolled back
  });

  it('leaves a job running under a live lease alone, and takes it over once the lease ran out', async () => {
    const { add, deliver, uow, clock, stored } = harness(async () => 'taken over', { leaseMs: 10_000 });
    const job = await add();
    await uow.jobs.claim([job.id], clock.now(), new Date(clock.now().getTime() + 10_000)); // a worker that then died
    clock.advance(4000);
    expect(await deliver(job, 2)).toEqual({ retryInMs: 6001 });
    clock.advance(6000);
    expect(await deliver(job, 3)).toBe('done');
    expect(await stored(job.id)).toMatchObject({ status: 'succeeded', attempts: 2 });
  });

  it('fails a job whose last attempt died with its worker', async () => {
    const { add, deliver, uow, clock, stored, outcomes } = harness(async () => 'never', { maxAttempts: 1, leaseMs: 1000 });
    const job = await add();
    await uow.jobs.claim([job.id], clock.now(), new Date(clock.now().getTime() + 1000));
    clock.advance(1000);
    expect(await deliver(job, 2)).toBe('done');
    expect(await stored(job.id)).toMatchObject({ status: 'failed', attempts: 1, error: 'the worker stopped during the last attempt' });
    expect(outcomes).toEqual([[job.id, 'failed']]);
  });

  it('writes nothing for a run that lost its job to another worker, and does not acknowledge its message', async () => {
    const { add, uow, clock, runner, stored } = harness(async () => {
      // Meanwhile the lease ran out and another worker took the job over (attempt 2).
      clock.advance(2000);
      await uow.jobs.claim([job.id], clock.now(), new Date(clock.now().getTime() + 60_000));
      return 'late';
    }, { leaseMs: 1000 });
    const job = await add();
    // Acknowledging would remove the one message of the job, which the run that took over may need.
    expect(await runner.handle({ id: job.id, type: job.type, deliveries: 1 })).toEqual({ retryInMs: 1000 });
    expect(await stored(job.id)).toMatchObject({ status: 'running', attempts: 2 });
    expect(await uow.jobs.resultOf(job.id)).toBeNull();
  });
});

describe('JobRunner at a shutdown', () => {
  it('releases a job that stops when aborted: queued again at once, the attempt not counted; one that finishes anyway succeeds', async () => {
    const stubborn = new Set<string>();
    const { add, runner, stored } = harness(async (job, { signal }) => {
      await new Promise((resolve) => signal.addEventListener('abort', resolve));
      if (stubborn.has(job.id)) return 'finished regardless';
      throw signal.reason;
    });
    const [stopping, finishing] = [await add(), await add()];
    stubborn.add(finishing.id);
    const running = [stopping, finishing].map((job) => runner.handle({ id: job.id, type: job.type, deliveries: 1 }));
    await new Promise((resolve) => setTimeout(resolve, 20));
    runner.abortRunning();
    expect(await Promise.all(running)).toEqual([{ retryInMs: 0 }, 'done']);
    expect(await stored(stopping.id)).toMatchObject({ status: 'queued', attempts: 1, maxAttempts: 4, error: null });
    expect(await stored(finishing.id)).toMatchObject({ status: 'succeeded', attempts: 1 });
  });
});

describe('JobRunner lease', () => {
  it('renews the lease while a job runs longer than it, so another delivery does not take the job over', async () => {
    const uow = new InMemoryUnitOfWork();
    let runs = 0;
    const runner = new JobRunner({
      uow,
      clock: { now: () => new Date() },
      handlers: {
        'test.slow': async () => {
          runs++;
          await new Promise((resolve) => setTimeout(resolve, 400));
        },
      },
      leaseMs: 90,
    });
    const job = queuedJob({ id: ids.next(), type: 'test.slow', data: {}, maxAttempts: 3, ownerId: null, now: new Date() });
    await uow.transaction((repos) => repos.jobs.add(job));
    const first = runner.handle({ id: job.id, type: job.type, deliveries: 1 });
    await new Promise((resolve) => setTimeout(resolve, 250)); // well past one lease length
    const second = await runner.handle({ id: job.id, type: job.type, deliveries: 2 });
    expect(second).toEqual({ retryInMs: expect.any(Number) });
    expect(await first).toBe('done');
    expect(runs).toBe(1);
    expect(await uow.jobs.findById(job.id)).toMatchObject({ status: 'succeeded', attempts: 1 });
  });
});

describe('jobBackoffMs', () => {
  it('doubles per attempt between half and all of the ceiling, and stops at the cap', () => {
    expect([1, 2, 3, 4].map((attempt) => jobBackoffMs(attempt, BACKOFF, () => 0))).toEqual([500, 1000, 2000, 4000]);
    expect([1, 2, 3, 4].map((attempt) => jobBackoffMs(attempt, BACKOFF, () => 1))).toEqual([1000, 2000, 4000, 8000]);
    expect(jobBackoffMs(40, BACKOFF, () => 1)).toBe(60_000);
    expect(jobBackoffMs(40, BACKOFF, () => 0)).toBe(30_000);
  });
});
