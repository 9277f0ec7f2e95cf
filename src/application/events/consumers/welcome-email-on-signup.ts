import type { JobScheduler } from '../../jobs/job-scheduler.ts';
import { WELCOME_EMAIL, WELCOME_EMAIL_MAX_ATTEMPTS } from '../../jobs/handlers/welcome-email.ts';
import type { TransactionalConsumer } from '../idempotent-consumer.ts';
import type { Clock } from '../../ports/clock.ts';

/** A sign-up older than this is not welcomed: a consumer new to a long stream must not mail everyone who ever joined. */
export const WELCOME_WINDOW_MS = 24 * 60 * 60 * 1000;

/**
 * Queues the welcome email of every new user. Run through `idempotent`, the job is scheduled in the
 * same transaction that records the event as processed: one job per user.created, however often the
 * event is delivered. The new user owns the job (may read it through GET /api/jobs/:id). Events
 * older than WELCOME_WINDOW_MS are skipped: the first deploy of this consumer replays the whole
 * EVENTS stream, and a welcome days late is no welcome.
 */
export function welcomeEmailOnSignup(scheduler: JobScheduler, clock: Clock): TransactionalConsumer {
  return {
    name: 'welcome-email',
    types: ['user.created'],
    handle: async (event, repos) => {
      const userId = event.data.id;
      if (typeof userId !== 'string' || clock.now().getTime() - event.timestamp > WELCOME_WINDOW_MS) return;
      await scheduler.schedule(repos, { type: WELCOME_EMAIL, data: { userId }, ownerId: userId, maxAttempts: WELCOME_EMAIL_MAX_ATTEMPTS });
    },
  };
}
