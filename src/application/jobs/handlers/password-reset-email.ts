import type { JobHandler } from '../job-runner.ts';
import type { Clock } from '../../ports/clock.ts';
import type { Mailer } from '../../ports/mailer.ts';
import type { UnitOfWork } from '../../ports/unit-of-work.ts';
import { hashRefreshToken, newRefreshSecret } from '../../auth/session-tokens.ts';

export const PASSWORD_RESET_EMAIL = 'email.password-reset';
export const PASSWORD_RESET_EMAIL_MAX_ATTEMPTS = 5;

export type PasswordResetMailSettings = Readonly<{
  /** PASSWORD_RESET_TTL. */
  ttlSeconds: number;
  /** PUBLIC_URL: the link is `${publicUrl}/reset-password?token=...`. */
  publicUrl: string;
}>;

/**
 * Mails a password-reset link for the address a request named (RequestPasswordReset queues this
 * job for every address, known or not, so the request cannot tell them apart). Nobody by that
 * address, or a suspended user: nothing is sent and the job succeeds.
 *
 * The token is made here, when the job runs, not in the request: the job's row (kept for days
 * after it ran) then holds no secret, only the address; the secret lives in memory and in the
 * mail. Storing it replaces the user's earlier token (one per user), so each mail voids the link
 * before it; a retry after a failed delivery makes a new token, the undelivered one void.
 */
export function passwordResetEmail(deps: { uow: UnitOfWork; mailer: Mailer; clock: Clock; passwordReset: PasswordResetMailSettings }): JobHandler {
  const { ttlSeconds, publicUrl } = deps.passwordReset;
  const base = publicUrl.replace(/\/+$/, '');
  return async (job) => {
    const email = job.data.email;
    if (typeof email !== 'string') throw new Error('email.password-reset needs an email');
    const secret = newRefreshSecret();
    const tokenHash = await hashRefreshToken(secret);
    const user = await deps.uow.transaction(async (repos) => {
      const found = await repos.users.findByEmail(email);
      if (!found || found.status === 'suspended') return null;
      const now = deps.clock.now();
      await repos.passwordResetTokens.replace({ userId: found.id, tokenHash, createdAt: now, expiresAt: new Date(now.getTime() + ttlSeconds * 1000) });
      return found;
    });
    if (!user) return;
    const link = `${base}/reset-password?token=${encodeURIComponent(secret)}`;
    await deps.mailer.send({
      to: user.email,
      subject: 'Reset your password',
      text:
        `Hello ${user.name},\n\nsomeone (we hope you) asked to reset the password of your account (${user.email}).\n` +
        `Choose a new one here, within ${Math.round(ttlSeconds / 60)} minutes:\n\n${link}\n\n` +
        'The link works once, and only the latest one works. If you did not ask, ignore this mail: your password stays as it is.\n',
      idempotencyKey: job.id,
    });
  };
}
