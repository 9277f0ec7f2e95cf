import { createUser, type User, type UserId, type UserRole, type UserStatus } from '../../domain/user.ts';
import { requirePermission, type Actor } from '../shared/actor.ts';
import { toUserView, type UserCache } from '../shared/cached-entities.ts';
import { userEvent } from '../events/event-records.ts';
import { EmailInUseError } from '../../domain/errors.ts';
import { checkedWithPassword } from './password-input.ts';
import type { Clock } from '../ports/clock.ts';
import type { IdGenerator } from '../ports/id-generator.ts';
import type { PasswordHasher } from '../ports/password-hasher.ts';
import type { UnitOfWork } from '../ports/unit-of-work.ts';
import type { RecordAnswer } from '../shared/idempotent-creation.ts';

export type CreateUserInput = {
  name: string;
  email: string;
  password?: string;
  status?: UserStatus;
  role?: UserRole;
};

export class CreateUser {
  readonly #uow: UnitOfWork;
  readonly #ids: IdGenerator;
  readonly #clock: Clock;
  readonly #hasher: PasswordHasher;
  readonly #users: UserCache;

  constructor(deps: { uow: UnitOfWork; ids: IdGenerator; clock: Clock; hasher: PasswordHasher; users: UserCache }) {
    this.#uow = deps.uow;
    this.#ids = deps.ids;
    this.#clock = deps.clock;
    this.#hasher = deps.hasher;
    this.#users = deps.users;
  }

  /** `recordAnswer`: an Idempotency-Key's, kept in the create's transaction (IdempotentCreation). */
  async execute(input: CreateUserInput, actor: Actor, recordAnswer?: RecordAnswer<User>): Promise<User> {
    requirePermission(actor, 'users:write');
    const user = checkedWithPassword(input.password, () =>
      createUser({
        id: this.#ids.next() as UserId,
        name: input.name,
        email: input.email,
        status: input.status,
        role: input.role,
        now: this.#clock.now(),
      }),
    );
    // Hash only valid input for a free email, and outside the transaction: it is deliberately slow,
    // so a flood of sign-ups with a taken address must not cost a hash each (the unique index
    // still decides a race between two new ones).
    if (input.password !== undefined && (await this.#uow.read((repos) => repos.users.findByEmail(user.email)))) {
      throw new EmailInUseError();
    }
    const passwordHash = input.password === undefined ? null : await this.#hasher.hash(input.password);
    const stored: User = { ...user, passwordHash };
    await this.#uow.transaction(async (repos) => {
      await repos.users.add(stored);
      await repos.outbox.add(userEvent({ ids: this.#ids, clock: this.#clock }, 'user.created', toUserView(stored)));
      await recordAnswer?.(repos, stored);
    });
    // After the commit, drop whatever the cache holds for this id (a "not found" a guessing client
    // caused), and refuse any such write-back in flight. Not written through: a new id has no
    // reader waiting for it, and the write-through's extra round trip (its generation read) would
    // cost every create.
    await this.#users.invalidate(stored.id);
    return stored;
  }
}
