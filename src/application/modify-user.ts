import { changeUser, parseUserId, validateUserChanges, type User, type UserChanges, type UserId } from '../domain/user.ts';
import { checkedWithPassword } from './password-input.ts';
import type { PasswordHasher } from './ports/password-hasher.ts';
import { UserNotFoundError } from '../domain/user-errors.ts';
import { ConflictError } from '../domain/errors.ts';
import { assertPrecondition, type VersionPrecondition } from './precondition.ts';
import type { Clock } from './ports/clock.ts';
import type { UnitOfWork } from './ports/unit-of-work.ts';

const MAX_ATTEMPTS = 3;

/**
 * The read-check-write cycle shared by replace and update. The write is conditional on the
 * version read, so a concurrent writer is never silently overwritten: with If-Match the loser
 * gets 412; without it (the client asked for no precondition) the change is re-applied to the
 * fresh row, a few times, then reported as a 409.
 */
export async function modifyUser(
  deps: { uow: UnitOfWork; clock: Clock },
  id: UserId,
  precondition: VersionPrecondition,
  changes: UserChanges,
): Promise<User> {
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const outcome = await deps.uow.transaction(async (repos) => {
      const current = await repos.users.findById(id);
      if (!current) throw new UserNotFoundError();
      assertPrecondition(precondition, current.version);
      const next = changeUser(current, changes, deps.clock.now());
      if (next === current) return current;
      return (await repos.users.update(next, current.version)) ? next : null;
    });
    if (outcome) return outcome;
  }
  throw new ConflictError('The user is being changed by others; try again');
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
  const userId = parseUserId(id);
  if (!userId) throw new UserNotFoundError();
  checkedWithPassword(password, () => validateUserChanges(fields));
  const passwordHash = password === undefined ? undefined : await deps.hasher.hash(password);
  return modifyUser(deps, userId, ifMatch, { ...fields, passwordHash });
}
