import { ForbiddenError } from '../domain/errors.ts';
import { changeUser, parseUserId, validateUserChanges, type User, type UserChanges, type UserId } from '../domain/user.ts';
import { UserNotFoundError } from '../domain/user-errors.ts';
import { hasPermission, isSelf, type Actor } from './actor.ts';
import { toUserView, type UserCache } from './cached-entities.ts';
import { userEvent } from './events.ts';
import type { IdGenerator } from './ports/id-generator.ts';
import { retryingConditionalWrite } from './conditional-write.ts';
import { checkedWithPassword } from './password-input.ts';
import { assertPrecondition, type VersionPrecondition } from './precondition.ts';
import type { Clock } from './ports/clock.ts';
import type { PasswordHasher } from './ports/password-hasher.ts';
import type { UnitOfWork } from './ports/unit-of-work.ts';

export type UserWrite = {
  id: string;
  ifMatch: VersionPrecondition;
  fields: Parameters<typeof validateUserChanges>[0];
  password: string | undefined;
};

type Deps = { uow: UnitOfWork; ids: IdGenerator; clock: Clock; hasher: PasswordHasher; users: UserCache };

/**
 * Shared by PUT and PATCH. Who may write comes first (`users:write`, or the user itself), then
 * every field is checked (password included) before any I/O, a new password is hashed outside
 * the transaction, and the conditional read-check-write runs. The committed user is written
 * through the cache, which also serves AccountAccess: a suspension locks the user out on its next
 * request, on every instance.
 */
export async function applyUserWrite(deps: Deps, actor: Actor, write: UserWrite): Promise<User> {
  const userId = parseUserId(write.id);
  const mayWriteAny = hasPermission(actor, 'users:write');
  // A member is refused on any other id, existing or not, so it cannot probe which ids exist.
  if (!mayWriteAny && !(userId && isSelf(actor, userId))) throw new ForbiddenError('Not allowed to change another user');
  // An id that cannot name a user is a 404 before any field check or (slow) hashing.
  if (!userId) throw new UserNotFoundError();
  checkedWithPassword(write.password, () => validateUserChanges(write.fields));
  const passwordHash = write.password === undefined ? undefined : await deps.hasher.hash(write.password);
  const changes: UserChanges = { ...write.fields, passwordHash };
  return modifyUser(deps, userId, write.ifMatch, changes, mayWriteAny ? undefined : assertOwnRoleAndStatusKept);
}

/**
 * A member changing itself may send its role and status (PUT must repeat them) but not change
 * them: the values are compared with the row read in the same transaction.
 */
function assertOwnRoleAndStatusKept(current: User, changes: UserChanges): void {
  if (changes.role !== undefined && changes.role !== current.role) throw new ForbiddenError('Not allowed to change your own role');
  if (changes.status !== undefined && changes.status !== current.status) throw new ForbiddenError('Not allowed to change your own status');
}

/**
 * The read-check-write cycle, conditional on the version read (see conditional-write.ts).
 * `authorize` sees the row before any change is applied.
 */
export async function modifyUser(
  deps: { uow: UnitOfWork; ids: IdGenerator; clock: Clock; users: UserCache },
  id: UserId,
  precondition: VersionPrecondition,
  changes: UserChanges,
  authorize?: (current: User, changes: UserChanges) => void,
): Promise<User> {
  const ticket = await deps.users.beforeWrite(id);
  const user = await retryingConditionalWrite(
    () =>
      deps.uow.transaction(async (repos) => {
        const current = await repos.users.findById(id);
        if (!current) throw new UserNotFoundError();
        authorize?.(current, changes);
        assertPrecondition(precondition, current.version);
        const next = changeUser(current, changes, deps.clock.now());
        if (next === current) return current;
        if (!(await repos.users.update(next, current.version))) return null;
        await repos.outbox.add(userEvent(deps, 'user.updated', toUserView(next)));
        return next;
      }),
    'user',
  );
  await deps.users.written(ticket, toUserView(user));
  return user;
}
