import { RateLimitedError } from '../../domain/errors.ts';
import type { User } from '../../domain/user.ts';
import { SYSTEM_ACTOR } from '../shared/actor.ts';
import type { RateLimiter, RateLimitPolicy } from '../ports/rate-limiter.ts';
import type { CreateUser } from '../users/create-user.ts';
import type { RecordAnswer } from '../shared/idempotent-creation.ts';

export type RegisterInput = { name: string; email: string; password: string; clientAddress: string };

export type RegisterDependencies = Readonly<{
  create: CreateUser;
  limiter: RateLimiter;
  /** Sign-ups per client address (API.md: REGISTER_RATE_LIMIT_*). */
  registerLimit: Readonly<{ max: number; windowSeconds: number }>;
}>;

/**
 * Self-service sign-up: always an active member with a password. The public route offers no
 * role or status field, and this use case sets them itself, so sign-up cannot grant more.
 * Attempts are counted per address before the password is hashed: a flood from one client costs
 * a counter, not a scrypt each.
 */
export class Register {
  readonly #create: CreateUser;
  readonly #limiter: RateLimiter;
  readonly #policy: RateLimitPolicy;

  constructor(deps: RegisterDependencies) {
    this.#create = deps.create;
    this.#limiter = deps.limiter;
    this.#policy = { name: 'register-address', ...deps.registerLimit };
  }

  async execute(input: RegisterInput, recordAnswer?: RecordAnswer<User>): Promise<User> {
    const { name, email, password, clientAddress } = input;
    const decision = await this.#limiter.hit(this.#policy, clientAddress);
    if (!decision.allowed) throw new RateLimitedError(decision.resetSeconds, 'Too many sign-ups from this address; try again later');
    return this.#create.execute({ name, email, password, role: 'member', status: 'active' }, SYSTEM_ACTOR, recordAnswer);
  }
}
