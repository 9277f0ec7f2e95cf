import { describe, expect, it } from 'vitest';
import { UuidV7Ids } from '../../../../src/adapters/system/uuid-v7-ids.ts';
import { JobScheduler } from '../../../../src/application/jobs/job-scheduler.ts';
import { cleanup, CLEANUP, defaultRetention } from '../../../../src/application/jobs/handlers/cleanup.ts';
import { periodicJobId, PeriodicJobs } from '../../../../src/application/jobs/periodic-jobs.ts';
import { OVERDUE_MS, requeueOverdue } from '../../../../src/application/jobs/handlers/requeue.ts';
import type { JobMessage } from '../../../../src/application/ports/job-queue.ts';
import { isUuid } from '../../../../src/domain/ids.ts';
import { queuedJob, type Job } from '../../../../src/domain/jobs.ts';
import { aUser } from '../../../support/builders.ts';
import { FixedClock } from '../../../support/fixed-clock.ts';
import { InMemoryUnitOfWork } from '../../../support/in-memory-unit-of-work.ts';

const ids = new UuidV7Ids();
const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
const NOW = new Date('2026-06-01T12:30:00.000Z');
const ago = (ms: number) => new Date(NOW.getTime() - ms);

function finished(status: 'succeeded' | 'failed', at: Date): Job {
  return { ...queuedJob({ id: ids.next(), type: 'users.export', data: {}, maxAttempts: 1, ownerId: null, now: at }), status, attempts: 1 };
}

describe('the cleanup job', () => {
  it('deletes what outlived its retention, in batches until none is left, and keeps the rest', async () => {
    const uow = new InMemoryUnitOfWork();
    const oldSucceeded = Array.from({ length: 5 }, () => finished('succeeded', ago(8 * DAY)));
    const keep = [finished('succeeded', ago(6 * DAY)), finished('failed', ago(8 * DAY)), { ...finished('succeeded', ago(9 * DAY)), status: 'running' as const }];
    const oldFailed = finished('failed', ago(31 * DAY));
    for (const job of [...oldSucceeded, ...keep, oldFailed]) uow.jobs.rows.set(job.id, { job, result: 'csv' });
    uow.processedEvents.rows.set('consumer\u0000old', ago(8 * DAY));
    uow.processedEvents.rows.set('consumer\u0000recent', ago(HOUR));
    const owner = aUser().build();
    uow.users.rows.set(owner.id, owner);
    const token = (label: string, expiresAt: Date) => ({ id: ids.next(), sessionId: ids.next(), userId: owner.id, tokenHash: label, createdAt: ago(40 * DAY), expiresAt });
    await uow.transaction(async (repos) => {
      await repos.refreshTokens.add(token('long-expired', ago(2 * DAY)));
      await repos.refreshTokens.add(token('just-expired', ago(HOUR))); // its session's access tokens may still live
      await repos.refreshTokens.add(token('current', new Date(NOW.getTime() + DAY)));
    });
    const resetters = [aUser().build(), aUser().build(), aUser().build()];
    for (const user of resetters) uow.users.rows.set(user.id, user);
    const reset = (index: number, expiresAt: Date) => ({ userId: resetters[index]!.id, tokenHash: `reset-${index}`, createdAt: ago(HOUR), expiresAt });
    await uow.transaction(async (repos) => {
      await repos.passwordResetTokens.replace(reset(0, ago(2 * HOUR)));
      await repos.passwordResetTokens.replace(reset(1, ago(1)));
      await repos.passwordResetTokens.replace(reset(2, new Date(NOW.getTime() + HOUR)));
    });

    const handle = cleanup({ uow, clock: new FixedClock(NOW), retention: defaultRetention(900), batch: 2 });
    await handle(finished('succeeded', NOW), { signal: new AbortController().signal });

    expect([...uow.jobs.rows.keys()].sort()).toEqual(keep.map((job) => job.id).sort());
    expect([...uow.processedEvents.rows.keys()]).toEqual(['consumer\u0000recent']);
    expect([...uow.refreshTokens.rows.values()].map((row) => row.token.tokenHash).sort()).toEqual(['current', 'just-expired']);
    expect([...uow.passwordResetTokens.rows.values()].map((row) => row.token.tokenHash)).toEqual(['reset-2']);
  });
});

describe('the requeue job', () => {
  it('queues again the jobs nobody took for 10 minutes, and no others', async () => {
    const uow = new InMemoryUnitOfWork();
    const queue = { messages: [] as JobMessage[], enqueue: async (message: JobMessage) => void queue.messages.push(message), work: async () => { throw new Error('unused'); } };
    const lost = queuedJob({ id: ids.next(), type: 'users.export', data: {}, maxAttempts: 3, ownerId: null, now: ago(OVERDUE_MS + 1000) });
    const fresh = queuedJob({ id: ids.next(), type: 'users.export', data: {}, maxAttempts: 3, ownerId: null, now: ago(OVERDUE_MS - 1000) });
    for (const job of [lost, fresh]) uow.jobs.rows.set(job.id, { job, result: null });
    await requeueOverdue({ uow, clock: new FixedClock(NOW), queue })(finished('succeeded', NOW), { signal: new AbortController().signal });
    expect(queue.messages).toEqual([{ id: lost.id, type: 'users.export' }]);
  });
});

describe('periodic jobs', () => {
  it('give each window of each type one valid, stable id', () => {
    const id = periodicJobId(CLEANUP, Date.parse('2026-06-01T12:00:00Z'));
    expect(isUuid(id)).toBe(true);
    expect(periodicJobId(CLEANUP, Date.parse('2026-06-01T12:00:00Z'))).toBe(id);
    expect(periodicJobId(CLEANUP, Date.parse('2026-06-01T13:00:00Z'))).not.toBe(id);
    expect(periodicJobId('other.job', Date.parse('2026-06-01T12:00:00Z'))).not.toBe(id);
  });

  it('are scheduled once per window however many instances ask, and again in the next window', async () => {
    const uow = new InMemoryUnitOfWork();
    const clock = new FixedClock(NOW);
    const instance = () => new PeriodicJobs({ uow, clock, scheduler: new JobScheduler({ ids, clock }), jobs: [{ type: CLEANUP, everyMs: HOUR, maxAttempts: 3 }] });
    const [a, b] = [instance(), instance()];
    expect(await a.tick()).toBe(1);
    expect(await b.tick()).toBe(0);
    clock.advance(20 * 60 * 1000); // still 12:xx
    expect(await a.tick()).toBe(0);
    clock.advance(20 * 60 * 1000); // 13:10: the next window
    expect(await b.tick()).toBe(1);
    const jobs = [...uow.jobs.rows.values()].map((row) => row.job);
    expect([...uow.outbox.jobRows.values()].map((row) => row.job)).toEqual(jobs.map((job) => ({ id: job.id, type: job.type })));
    expect(jobs).toEqual([
      expect.objectContaining({ type: CLEANUP, ownerId: null, status: 'queued' }),
      expect.objectContaining({ type: CLEANUP, ownerId: null, status: 'queued' }),
    ]);
  });
});
