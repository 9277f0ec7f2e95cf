import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { UuidV7Ids } from '../../src/adapters/system/uuid-v7-ids.ts';
import type { JobRepository, JobRun } from '../../src/application/ports/job-repository.ts';
import type { UnitOfWork } from '../../src/application/ports/unit-of-work.ts';
import { queuedJob, type Job } from '../../src/domain/jobs.ts';

export type JobRepositoryContext = { uow: UnitOfWork; reset(): Promise<void>; close(): Promise<void> };

const ids = new UuidV7Ids();
const T0 = new Date('2026-01-01T00:00:00.000Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
const aJob = (overrides: Partial<Parameters<typeof queuedJob>[0]> = {}): Job =>
  queuedJob({ id: ids.next(), type: 'users.export', data: { role: 'member', nested: { n: 1 } }, maxAttempts: 2, ownerId: ids.next(), now: T0, ...overrides });

// One job at a time, through the batch methods.
const claimOne = async (repo: JobRepository, id: string, now: Date, leaseUntil: Date) => (await repo.claim([id], now, leaseUntil))[0]!;
const succeed = async (repo: JobRepository, run: JobRun, result: string | null, now: Date) => (await repo.finish([{ run, status: 'succeeded', result }], now))[0];
const retry = async (repo: JobRepository, run: JobRun, availableAt: Date, error: string, now: Date) => (await repo.finish([{ run, status: 'queued', availableAt, error }], now))[0];
const fail = async (repo: JobRepository, run: JobRun, error: string, now: Date) => (await repo.finish([{ run, status: 'failed', error }], now))[0];

/** The JobRepository contract: in memory, PGlite and PostgreSQL store and guard jobs alike. */
export function jobRepositoryContract(name: string, setup: () => Promise<JobRepositoryContext>): void {
  describe(`JobRepository contract: ${name}`, () => {
    let context: JobRepositoryContext;
    const jobs = <T>(work: (repos: Parameters<Parameters<UnitOfWork['read']>[0]>[0]['jobs']) => Promise<T>) => context.uow.read((repos) => work(repos.jobs));
    const stored = async (job: Job) => {
      await context.uow.transaction((repos) => repos.jobs.add(job));
      return job;
    };
    beforeAll(async () => {
      context = await setup();
    });
    beforeEach(async () => {
      await context.reset();
    });
    afterAll(async () => {
      await context.close();
    });

    it('stores a job and reads it back as it was', async () => {
      const job = await stored(aJob());
      expect(await jobs((repo) => repo.findById(job.id))).toEqual(job);
    });

    it('adds nothing for an id that exists, and keeps the first', async () => {
      const job = await stored(aJob());
      const again = await context.uow.transaction((repos) => repos.jobs.add({ ...job, type: 'email.welcome' }));
      expect(again).toBe(false);
      expect((await jobs((repo) => repo.findById(job.id)))?.type).toBe('users.export');
    });

    it('keeps no job of a transaction that rolled back', async () => {
      const job = aJob();
      await expect(context.uow.transaction(async (repos) => {
        await repos.jobs.add(job);
        throw new Error('rollback');
      })).rejects.toThrow('rollback');
      expect(await jobs((repo) => repo.findById(job.id))).toBeNull();
    });

    it('finds nothing for an unknown or malformed id', async () => {
      expect(await jobs((repo) => repo.findById(ids.next()))).toBeNull();
      expect(await jobs((repo) => repo.findById('not-a-uuid'))).toBeNull();
      expect(await jobs((repo) => claimOne(repo, 'not-a-uuid', T0, at(1000)))).toEqual({ claimed: false, job: null });
      expect(await jobs((repo) => claimOne(repo, ids.next(), T0, at(1000)))).toEqual({ claimed: false, job: null });
    });

    it('claims a due queued job once: running, one attempt, under the lease', async () => {
      const job = await stored(aJob());
      const first = await jobs((repo) => claimOne(repo, job.id, at(10), at(1000)));
      expect(first).toEqual({ claimed: true, job: { ...job, status: 'running', attempts: 1, leaseUntil: at(1000), updatedAt: at(10) } });
      const second = await jobs((repo) => claimOne(repo, job.id, at(20), at(1020)));
      expect(second).toEqual({ claimed: false, job: first.job });
    });

    it('does not claim a queued job before it is due', async () => {
      const job = await stored(aJob({ now: at(5000) }));
      const outcome = await jobs((repo) => claimOne(repo, job.id, at(4999), at(9000)));
      expect(outcome.claimed).toBe(false);
      expect(outcome.job?.status).toBe('queued');
    });

    it('lets a run whose lease ran out be taken over while attempts remain, and not after', async () => {
      const job = await stored(aJob());
      await jobs((repo) => claimOne(repo, job.id, at(0), at(1000)));
      expect((await jobs((repo) => claimOne(repo, job.id, at(999), at(2000)))).claimed).toBe(false);
      const takeover = await jobs((repo) => claimOne(repo, job.id, at(1000), at(2000)));
      expect(takeover.claimed && takeover.job.attempts).toBe(2);
      const exhausted = await jobs((repo) => claimOne(repo, job.id, at(5000), at(6000)));
      expect(exhausted).toMatchObject({ claimed: false, job: { status: 'running', attempts: 2 } });
    });

    it('records success with its result, for that run only', async () => {
      const job = await stored(aJob());
      await jobs((repo) => claimOne(repo, job.id, at(0), at(1000)));
      expect(await jobs((repo) => repo.resultOf(job.id))).toBeNull();
      expect(await jobs((repo) => succeed(repo, { id: job.id, attempt: 2 }, 'stale', at(1)))).toBe(false);
      expect(await jobs((repo) => succeed(repo, { id: job.id, attempt: 1 }, 'id,name\r\n', at(2)))).toBe(true);
      expect(await jobs((repo) => repo.findById(job.id))).toMatchObject({ status: 'succeeded', attempts: 1, leaseUntil: null, error: null, updatedAt: at(2) });
      expect(await jobs((repo) => repo.resultOf(job.id))).toBe('id,name\r\n');
      expect(await jobs((repo) => succeed(repo, { id: job.id, attempt: 1 }, 'again', at(3)))).toBe(false);
      expect(await jobs((repo) => repo.resultOf(job.id))).toBe('id,name\r\n');
    });

    it('queues a failed run again after its backoff, keeping the error, and claims it once due', async () => {
      const job = await stored(aJob());
      await jobs((repo) => claimOne(repo, job.id, at(0), at(1000)));
      expect(await jobs((repo) => retry(repo, { id: job.id, attempt: 1 }, at(500), 'provider down', at(100)))).toBe(true);
      expect(await jobs((repo) => repo.findById(job.id))).toMatchObject({ status: 'queued', attempts: 1, availableAt: at(500), leaseUntil: null, error: 'provider down' });
      expect((await jobs((repo) => claimOne(repo, job.id, at(499), at(1499)))).claimed).toBe(false);
      expect(await jobs((repo) => claimOne(repo, job.id, at(500), at(1500)))).toMatchObject({ claimed: true, job: { attempts: 2, error: 'provider down' } });
    });

    it('releases a run at a shutdown: queued and due at once, the attempt not counted against it, the last error kept', async () => {
      const job = await stored(aJob());
      await jobs((repo) => claimOne(repo, job.id, at(0), at(1000)));
      await jobs((repo) => retry(repo, { id: job.id, attempt: 1 }, at(10), 'provider down', at(5)));
      await jobs((repo) => claimOne(repo, job.id, at(10), at(1010)));
      expect(await jobs((repo) => repo.finish([{ run: { id: job.id, attempt: 2 }, status: 'released' }], at(20)))).toEqual([true]);
      // Attempts only grow (a run's number stays its own); the budget grows instead.
      expect(await jobs((repo) => repo.findById(job.id))).toMatchObject({ status: 'queued', attempts: 2, maxAttempts: 3, availableAt: at(20), leaseUntil: null, error: 'provider down' });
      expect(await jobs((repo) => claimOne(repo, job.id, at(20), at(1020)))).toMatchObject({ claimed: true, job: { attempts: 3, maxAttempts: 3 } });
    });

    it('fails a run for good, keeping the error; nothing changes it after', async () => {
      const job = await stored(aJob());
      await jobs((repo) => claimOne(repo, job.id, at(0), at(1000)));
      expect(await jobs((repo) => fail(repo, { id: job.id, attempt: 1 }, 'poison', at(5)))).toBe(true);
      expect(await jobs((repo) => repo.findById(job.id))).toMatchObject({ status: 'failed', error: 'poison', leaseUntil: null });
      expect(await jobs((repo) => retry(repo, { id: job.id, attempt: 1 }, at(9), 'x', at(9)))).toBe(false);
      expect(await jobs((repo) => repo.extendLease({ id: job.id, attempt: 1 }, at(9000)))).toBe(false);
      expect((await jobs((repo) => claimOne(repo, job.id, at(10_000), at(11_000)))).claimed).toBe(false);
    });

    it('extends the lease of the run that holds the job, and of no other', async () => {
      const job = await stored(aJob());
      await jobs((repo) => claimOne(repo, job.id, at(0), at(1000)));
      expect(await jobs((repo) => repo.extendLease({ id: job.id, attempt: 1 }, at(3000)))).toBe(true);
      expect(await jobs((repo) => repo.extendLease({ id: job.id, attempt: 2 }, at(9000)))).toBe(false);
      expect((await jobs((repo) => repo.findById(job.id)))?.leaseUntil).toEqual(at(3000));
      expect((await jobs((repo) => claimOne(repo, job.id, at(2000), at(4000)))).claimed).toBe(false);
    });

    it('claims and finishes a batch in one call each, row by row', async () => {
      const [a, b, c] = [await stored(aJob()), await stored(aJob()), await stored(aJob())];
      const missing = ids.next();
      const outcomes = await jobs((repo) => repo.claim([c.id, missing, a.id, b.id], at(0), at(1000)));
      expect(outcomes.map((outcome) => outcome.claimed)).toEqual([true, false, true, true]);
      expect(outcomes[1]).toEqual({ claimed: false, job: null });
      expect(outcomes[0]!.job?.id).toBe(c.id);
      const ended = await jobs((repo) =>
        repo.finish(
          [
            { run: { id: a.id, attempt: 1 }, status: 'succeeded', result: 'a "quoted", multi\nline result' },
            { run: { id: b.id, attempt: 9 }, status: 'failed', error: 'stale run' },
            { run: { id: c.id, attempt: 1 }, status: 'queued', availableAt: at(700), error: "it's down" },
          ],
          at(5),
        ),
      );
      expect(ended).toEqual([true, false, true]);
      expect(await jobs((repo) => repo.resultOf(a.id))).toBe('a "quoted", multi\nline result');
      expect(await jobs((repo) => repo.findById(b.id))).toMatchObject({ status: 'running', error: null });
      expect(await jobs((repo) => repo.findById(c.id))).toMatchObject({ status: 'queued', availableAt: at(700), error: "it's down" });
      expect(await jobs((repo) => repo.finish([], at(6)))).toEqual([]);
    });

    it('claims a job named twice in one batch once', async () => {
      const job = await stored(aJob());
      const outcomes = await jobs((repo) => repo.claim([job.id, job.id], at(0), at(1000)));
      expect(outcomes.map((outcome) => outcome.claimed)).toEqual([true, false]);
      expect(outcomes[1]!.job).toMatchObject({ status: 'running', attempts: 1 });
    });

    it("counts an owner's unfinished jobs of a type, one transaction after another", async () => {
      const owner = ids.next();
      const done = await stored(aJob({ ownerId: owner }));
      await jobs((repo) => claimOne(repo, done.id, at(0), at(1000)));
      await jobs((repo) => succeed(repo, { id: done.id, attempt: 1 }, null, at(1)));
      await stored(aJob({ ownerId: owner }));
      await stored(aJob({ ownerId: owner, type: 'email.welcome' }));
      await stored(aJob());
      expect(await context.uow.transaction((repos) => repos.jobs.countUnfinished(owner, 'users.export'))).toBe(1);
      // Ten transactions at once, each adding only under a cap of 3: the lock makes them count in turn.
      const capped = () =>
        context.uow.transaction(async (repos) => {
          if ((await repos.jobs.countUnfinished(owner, 'users.export')) >= 3) return false;
          return repos.jobs.add(aJob({ ownerId: owner }));
        });
      const added = await Promise.all(Array.from({ length: 10 }, capped));
      expect(added.filter(Boolean)).toHaveLength(2);
      expect(await context.uow.transaction((repos) => repos.jobs.countUnfinished(owner, 'users.export'))).toBe(3);
    });

    it('retention removes jobs of a status finished before the cutoff, a batch at a time, and no others', async () => {
      const finish = async (job: Job, status: 'succeeded' | 'failed', when: Date) => {
        await stored(job);
        await jobs((repo) => claimOne(repo, job.id, at(0), at(100_000)));
        await jobs((repo) => (status === 'failed' ? fail(repo, { id: job.id, attempt: 1 }, 'x', when) : succeed(repo, { id: job.id, attempt: 1 }, 'r', when)));
      };
      const [old1, old2, recent, oldFailed, queued] = [aJob(), aJob(), aJob(), aJob(), aJob()];
      await finish(old1, 'succeeded', at(10));
      await finish(old2, 'succeeded', at(20));
      await finish(recent, 'succeeded', at(5000));
      await finish(oldFailed, 'failed', at(10));
      await stored(queued);
      const remove = (status: 'succeeded' | 'failed', limit: number) => jobs((repo) => repo.deleteFinishedBefore(status, at(1000), limit));
      expect(await remove('succeeded', 1)).toBe(1);
      expect(await remove('succeeded', 5)).toBe(1);
      expect(await remove('succeeded', 5)).toBe(0);
      expect(await jobs((repo) => repo.findById(recent.id))).not.toBeNull();
      expect(await jobs((repo) => repo.findById(oldFailed.id))).not.toBeNull(); // dead letters go by their own cutoff
      expect(await remove('failed', 5)).toBe(1);
      expect(await jobs((repo) => repo.findById(queued.id))).not.toBeNull();
    });

    it('lists overdue jobs: queued and due before the cutoff, or running under a lease that ran out before it', async () => {
      const dueLongAgo = await stored(aJob({ now: at(0) }));
      const dueRecently = await stored(aJob({ now: at(5000) }));
      const stuck = await stored(aJob({ now: at(1) }));
      const held = await stored(aJob({ now: at(2) }));
      await jobs((repo) => claimOne(repo, stuck.id, at(10), at(500)));
      await jobs((repo) => claimOne(repo, held.id, at(10), at(9000)));
      const done = await stored(aJob({ now: at(3) }));
      await jobs((repo) => claimOne(repo, done.id, at(10), at(500)));
      await jobs((repo) => succeed(repo, { id: done.id, attempt: 1 }, null, at(20)));
      expect(await jobs((repo) => repo.overdue(at(1000), 10))).toEqual([
        { id: dueLongAgo.id, type: 'users.export' },
        { id: stuck.id, type: 'users.export' },
      ]);
      expect(await jobs((repo) => repo.overdue(at(1000), 1))).toHaveLength(1);
      expect(dueRecently.status).toBe('queued');
    });

    it('lists unfinished jobs, queued and running, oldest first, up to the limit', async () => {
      const oldest = await stored(aJob({ now: at(1) }));
      const running = await stored(aJob({ now: at(2) }));
      const done = await stored(aJob({ now: at(3) }));
      const newest = await stored(aJob({ now: at(4), type: 'email.welcome' }));
      await jobs((repo) => claimOne(repo, running.id, at(10), at(1000)));
      await jobs((repo) => claimOne(repo, done.id, at(10), at(1000)));
      await jobs((repo) => succeed(repo, { id: done.id, attempt: 1 }, null, at(11)));
      expect(await jobs((repo) => repo.unfinished(10))).toEqual([
        { id: oldest.id, type: 'users.export' },
        { id: running.id, type: 'users.export' },
        { id: newest.id, type: 'email.welcome' },
      ]);
      expect(await jobs((repo) => repo.unfinished(1))).toEqual([{ id: oldest.id, type: 'users.export' }]);
    });
  });
}
