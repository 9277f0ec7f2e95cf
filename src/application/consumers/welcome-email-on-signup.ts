import type { JobScheduler } from '../job-scheduler.ts';
import { WELCOME_EMAIL, WELCOME_EMAIL_MAX_ATTEMPTS } from '../jobs/welcome-email.ts';
import type { TransactionalConsumer } from '../idempotent-consumer.ts';

/**
 * Queues the welcome email of every new user. Run through `idempotent`, the job is scheduled in the
 * same transaction that records the event as processed: one job per user.created, however often the
 * event is delivered. The new user owns the job (may read it through GET /api/jobs/:id).
 */
export function welcomeEmailOnSignup(scheduler: JobScheduler): TransactionalConsumer {
  return {
    name: 'welcome-email',
    types: ['user.created'],
    handle: async (event, repos) => {
      const userId = event.data.id;
      if (typeof userId !== 'string') return;
      await scheduler.schedule(repos, { type: WELCOME_EMAIL, data: { userId }, ownerId: userId, maxAttempts: WELCOME_EMAIL_MAX_ATTEMPTS });
    },
  };
}
