import { changeUser, parseUserId, type User, type UserChanges } from '../domain/user.ts';
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
  rawId: string,
  precondition: VersionPrecondition,
  changes: UserChanges,
): Promise<User> {
  const id = parseUserId(rawId);
  if (!id) throw new UserNotFoundError();
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
