import { RateLimitedError, ValidationError } from '../../domain/errors.ts';
import { emailProblem, normalizeEmail } from '../../domain/user.ts';
import type { JobScheduler } from '../jobs/job-scheduler.ts';
import { PASSWORD_RESET_EMAIL, PASSWORD_RESET_EMAIL_MAX_ATTEMPTS } from '../jobs/handlers/password-reset-email.ts';
import type { RateLimiter, RateLimitPolicy } from '../ports/rate-limiter.ts';
import type { UnitOfWork } from '../ports/unit-of-work.ts';

export type RequestPasswordResetInput = { email: string; clientAddress: string };

export type RequestPasswordResetDependencies = Readonly<{
  uow: UnitOfWork;
  scheduler: JobScheduler;
  limiter: RateLimiter;
  /** Requests per client address (LOGIN_RATE_LIMIT_*, as sign-in): beyond it, 429. */
  addressLimit: Readonly<{ max: number; windowSeconds: number }>;
}>;

/**
 * Mails per email address asked about, beyond which the request is still a 202 but nothing is
 * sent, so strangers cannot flood someone's mailbox and the answer still tells nothing. Counted
 * mostly per (email, client address): one stranger asking over and over uses up only its own
 * share and cannot keep the owner, asking from elsewhere, from getting the mail; the bound on all
 * addresses together is what a stranger with many addresses meets.
 */
export const RESET_MAILS_PER_EMAIL_AND_ADDRESS: RateLimitPolicy = { name: 'password-reset-email-address', max: 3, windowSeconds: 3600 };
export const RESET_MAILS_PER_EMAIL: RateLimitPolicy = { name: 'password-reset-email', max: 20, windowSeconds: 3600 };

/**
 * POST /api/auth/password-reset: the same answer, by the same path, whether or not the address
 * belongs to anyone. The request only queues a job (in its transaction, so it is not lost) for
 * the address; the job looks the user up, makes the token and mails it (jobs/handlers/password-reset-email.ts).
 * No lookup here means no timing difference to measure, and no slow SMTP inline.
 */
export class RequestPasswordReset {
  readonly #deps: RequestPasswordResetDependencies;
  readonly #byAddress: RateLimitPolicy;

  constructor(deps: RequestPasswordResetDependencies) {
    this.#deps = deps;
    this.#byAddress = { name: 'password-reset-address', ...deps.addressLimit };
  }

  async execute(input: RequestPasswordResetInput): Promise<void> {
    const email = normalizeEmail(input.email);
    const problem = emailProblem(email);
    if (problem) throw new ValidationError({ email: problem });
    const byAddress = await this.#deps.limiter.hit(this.#byAddress, input.clientAddress);
    if (!byAddress.allowed) throw new RateLimitedError(byAddress.resetSeconds, 'Too many password-reset requests; try again later');
    // The pair first: a request its own share refuses does not eat into the owner's.
    if (!(await this.#deps.limiter.hit(RESET_MAILS_PER_EMAIL_AND_ADDRESS, `${input.clientAddress} ${email}`)).allowed) return;
    if (!(await this.#deps.limiter.hit(RESET_MAILS_PER_EMAIL, email)).allowed) return;
    await this.#deps.uow.transaction((repos) =>
      this.#deps.scheduler.schedule(repos, { type: PASSWORD_RESET_EMAIL, data: { email }, ownerId: null, maxAttempts: PASSWORD_RESET_EMAIL_MAX_ATTEMPTS }),
    );
  }
}
