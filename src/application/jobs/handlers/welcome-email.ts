import { parseUserId } from '../../../domain/user.ts';
import type { JobHandler } from '../job-runner.ts';
import type { Mailer } from '../../ports/mailer.ts';
import type { UnitOfWork } from '../../ports/unit-of-work.ts';

export const WELCOME_EMAIL = 'email.welcome';
export const WELCOME_EMAIL_MAX_ATTEMPTS = 5;

/**
 * Welcomes a new user by mail. The user is read when the job runs, not when it was queued: a user
 * deleted meanwhile gets nothing (the job succeeds with nothing to do), a renamed one the new name.
 */
export function welcomeEmail(deps: { uow: UnitOfWork; mailer: Mailer }): JobHandler {
  return async (job) => {
    const id = typeof job.data.userId === 'string' ? parseUserId(job.data.userId) : null;
    if (!id) throw new Error('email.welcome needs a userId');
    const user = await deps.uow.read((repos) => repos.users.findById(id));
    if (!user) return;
    await deps.mailer.send({
      to: user.email,
      subject: `Welcome, ${user.name}`,
      text: `Hello ${user.name},\n\nyour account (${user.email}) is ready.\n`,
      idempotencyKey: job.id,
    });
  };
}
