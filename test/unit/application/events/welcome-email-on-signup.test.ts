import { describe, expect, it } from 'vitest';
import { UuidV7Ids } from '../../../../src/adapters/system/uuid-v7-ids.ts';
import { WELCOME_WINDOW_MS, welcomeEmailOnSignup } from '../../../../src/application/events/consumers/welcome-email-on-signup.ts';
import { idempotent } from '../../../../src/application/events/idempotent-consumer.ts';
import { JobScheduler } from '../../../../src/application/jobs/job-scheduler.ts';
import { welcomeEmail } from '../../../../src/application/jobs/handlers/welcome-email.ts';
import type { DomainEvent } from '../../../../src/domain/events.ts';
import { queuedJob } from '../../../../src/domain/jobs.ts';
import { aUser } from '../../../support/builders.ts';
import { CollectingMailer } from '../../../support/collecting-mailer.ts';
import { EPOCH, FixedClock } from '../../../support/fixed-clock.ts';
import { InMemoryUnitOfWork } from '../../../support/in-memory-unit-of-work.ts';

const ids = new UuidV7Ids();

function setup() {
  const uow = new InMemoryUnitOfWork();
  const clock = new FixedClock();
  const consumer = idempotent(welcomeEmailOnSignup(new JobScheduler({ ids, clock }), clock), uow);
  const created = (userId: string): DomainEvent => ({ id: ids.next(), type: 'user.created', data: { id: userId }, timestamp: EPOCH.getTime() });
  return { uow, consumer, created, clock };
}

describe('welcome email on sign-up', () => {
  it('queues one job per user.created, however often the event is delivered, owned by the new user', async () => {
    const { uow, consumer, created } = setup();
    const userId = ids.next();
    const event = created(userId);
    await consumer.handle(event);
    await consumer.handle(event);
    const jobs = [...uow.jobs.rows.values()].map((row) => row.job);
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({ type: 'email.welcome', data: { userId }, ownerId: userId, status: 'queued', maxAttempts: 5 });
    expect([...uow.outbox.jobRows.values()].map((row) => row.job)).toEqual([{ id: jobs[0]!.id, type: 'email.welcome' }]);
  });

  it('does not welcome a sign-up older than a day (a new consumer replaying the stream)', async () => {
    const { uow, consumer, created, clock } = setup();
    const event = created(ids.next());
    clock.advance(WELCOME_WINDOW_MS + 1);
    await consumer.handle(event);
    expect(uow.jobs.rows.size).toBe(0);
    clock.set(EPOCH).advance(WELCOME_WINDOW_MS);
    await consumer.handle(created(ids.next()));
    expect(uow.jobs.rows.size).toBe(1);
  });

  it("mails the user as stored when the job runs, keyed by the job's id; a deleted user gets nothing", async () => {
    const uow = new InMemoryUnitOfWork();
    const mailer = new CollectingMailer();
    const user = aUser().withName('Ada').withEmail('ada@example.com').build();
    await uow.transaction((repos) => repos.users.add(user));
    const handle = welcomeEmail({ uow, mailer });
    const job = queuedJob({ id: ids.next(), type: 'email.welcome', data: { userId: user.id }, maxAttempts: 5, ownerId: user.id, now: EPOCH });
    await handle(job, { signal: new AbortController().signal });
    expect(mailer.sent).toEqual([expect.objectContaining({ to: 'ada@example.com', subject: 'Welcome, Ada', idempotencyKey: job.id })]);
    const gone = queuedJob({ id: ids.next(), type: 'email.welcome', data: { userId: ids.next() }, maxAttempts: 5, ownerId: null, now: EPOCH });
    await handle(gone, { signal: new AbortController().signal });
    expect(mailer.sent).toHaveLength(1);
  });
});
