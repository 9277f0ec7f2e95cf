import { UserNotFoundError } from '../../domain/user-errors.ts';
import { parseUserId, validateUserChanges, type User, type UserRole, type UserStatus } from '../../domain/user.ts';
import { checkedWithPassword } from '../password-input.ts';
import { modifyUser } from '../modify-user.ts';
import type { VersionPrecondition } from '../precondition.ts';
import type { Clock } from '../ports/clock.ts';
import type { PasswordHasher } from '../ports/password-hasher.ts';
import type { UnitOfWork } from '../ports/unit-of-work.ts';

export type ReplaceUserInput = {
  id: string;
  name: string;
  email: string;
  status: UserStatus;
  role: UserRole;
  password?: string;
  ifMatch?: VersionPrecondition;
};

/** PUT: every writable field but the password is required (the HTTP schema enforces presence). */
export class ReplaceUser {
  readonly #deps: { uow: UnitOfWork; clock: Clock; hasher: PasswordHasher };

  constructor(deps: { uow: UnitOfWork; clock: Clock; hasher: PasswordHasher }) {
    this.#deps = deps;
  }

  async execute(input: ReplaceUserInput): Promise<User> {
    const { id, ifMatch, password, ...fields } = input;
    return applyUserWrite(this.#deps, id, ifMatch, fields, password);
  }
}

/**
 * Shared by PUT and PATCH: checks every field (password included) before any I/O, hashes a new
 * password outside the transaction, then runs the conditional read-check-write.
 */
export async function applyUserWrite(
  deps: { uow: UnitOfWork; clock: Clock; hasher: PasswordHasher },
  id: string,
  ifMatch: VersionPrecondition,
  fields: Parameters<typeof validateUserChanges>[0],
  password: string | undefined,
): Promise<User> {
  // An id that cannot name a user is a 404 before any field check or (slow) hashing.
  if (!parseUserId(id)) throw new UserNotFoundError();
  checkedWithPassword(password, () => validateUserChanges(fields));
  const passwordHash = password === undefined ? undefined : await deps.hasher.hash(password);
  return modifyUser(deps, id, ifMatch, { ...fields, passwordHash });
}
