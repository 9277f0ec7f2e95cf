import { ForbiddenError, type FieldErrors, UserNotFoundError } from '../../domain/errors.ts';
import { changeUser, validateUserChanges, type User, type UserChanges, type UserId } from '../../domain/user.ts';
import type { AccountAccess } from '../auth/account-access.ts';
import { hasPermission, isSelf, type Actor } from '../shared/actor.ts';
import { toUserView, type UserCache } from '../shared/cached-entities.ts';
import { assertCredentialsProven, CURRENT_PASSWORD_REQUIRED, proveCredentials } from './current-password.ts';
import { userEvent } from '../events/event-records.ts';
import type { SignInFailures } from '../auth/sign-in-failures.ts';
import type { IdGenerator } from '../ports/id-generator.ts';
import { retryingConditionalWrite } from '../shared/conditional-write.ts';
import { checkedWithPassword } from './password-input.ts';
import { assertPrecondition, type VersionPrecondition } from '../shared/precondition.ts';
import type { Clock } from '../ports/clock.ts';
import type { PasswordHasher } from '../ports/password-hasher.ts';
import type { Repositories, UnitOfWork } from '../ports/unit-of-work.ts';

export type UserWrite = {
  id: UserId;
  ifMatch: VersionPrecondition;
  fields: Parameters<typeof validateUserChanges>[0];
  password: string | undefined;
  /** Proves a change of one's own email or password; checked, never stored. */
  currentPassword: string | undefined;
  /** Where the request came from: a wrong currentPassword counts as a failed sign-in from there. */
  clientAddress: string;
};

export type UserWriteDependencies = {
  uow: UnitOfWork;
  ids: IdGenerator;
  clock: Clock;
  hasher: PasswordHasher;
  users: UserCache;
  /** Ends the access tokens of the sessions a password change revoked. */
  access: AccountAccess;
  /** A wrong currentPassword is a guess at the password: counted, and blocked, like a failed sign-in. */
  failures: SignInFailures;
};

/**
 * Shared by PUT and PATCH. Who may write comes first (`users:write`, or the user itself), then
 * every field is checked (password included) before any I/O; a user changing its own email or
 * password proves it with its current password; a new password is hashed outside the
 * transaction, and the conditional read-check-write runs. The committed user is written
 * through the cache, which also serves AccountAccess: a suspension locks the user out on its next
 * request, on every instance.
 */
export async function applyUserWrite(deps: UserWriteDependencies, actor: Actor, write: UserWrite): Promise<User> {
  const userId = write.id;
  const mayWriteAny = hasPermission(actor, 'users:write');
  // A member is refused on any other id, existing or not, so it cannot probe which ids exist.
  if (!mayWriteAny && !isSelf(actor, userId)) throw new ForbiddenError('Not allowed to change another user');
  const self = isSelf(actor, userId);
  const newPassword = write.password !== undefined;
  const missing: FieldErrors = self && newPassword && write.currentPassword === undefined ? { currentPassword: CURRENT_PASSWORD_REQUIRED } : {};
  const fields = checkedWithPassword(write.password, () => validateUserChanges(write.fields), missing);
  // Admins changing another user need no proof; anyone changing itself does (admins included).
  const proof = self ? await proveCredentials(deps, userId, { email: fields.email, newPassword, currentPassword: write.currentPassword, clientAddress: write.clientAddress }) : null;
  const passwordHash = write.password === undefined ? undefined : await deps.hasher.hash(write.password);
  const changes: UserChanges = { ...write.fields, passwordHash };
  const authorize = (current: User, next: UserChanges) => {
    if (!mayWriteAny) assertOwnRoleAndStatusKept(current, next);
    if (proof) assertCredentialsProven(current, fields.email, newPassword, proof);
  };
  // The caller's own session survives its password change; an admin's change ends them all.
  const keepSession = self ? (actor.sessionId ?? undefined) : undefined;
  return modifyUser(deps, userId, write.ifMatch, changes, { authorize, keepSession });
}

/**
 * A member changing itself may send its role and status (PUT must repeat them) but not change
 * them: the values are compared with the row read in the same transaction.
 */
function assertOwnRoleAndStatusKept(current: User, changes: UserChanges): void {
  if (changes.role !== undefined && changes.role !== current.role) throw new ForbiddenError('Not allowed to change your own role');
  if (changes.status !== undefined && changes.status !== current.status) throw new ForbiddenError('Not allowed to change your own status');
}

export type WriteRules = {
  /** Sees the row before any change is applied. */
  authorize?: (current: User, changes: UserChanges) => void;
  /** The session a password change leaves open (the caller's own); every other one ends. */
  keepSession?: string;
  /** More work of the same transaction, after the row is written: throwing rolls the change back. */
  alongside?: (repos: Repositories, now: Date) => Promise<void>;
};

/**
 * The read-check-write cycle, conditional on the version read (see conditional-write.ts). A new
 * password revokes the user's other sessions in the same transaction; once committed, their
 * access tokens end too, on every instance (the `session:{id}` cache entries go).
 */
export async function modifyUser(
  deps: Omit<UserWriteDependencies, 'hasher' | 'failures'>,
  id: UserId,
  precondition: VersionPrecondition,
  changes: UserChanges,
  rules: WriteRules = {},
): Promise<User> {
  const ticket = await deps.users.beforeWrite(id);
  const { user, endedSessions } = await retryingConditionalWrite(
    () =>
      deps.uow.transaction(async (repos) => {
        const current = await repos.users.findById(id);
        if (!current) throw new UserNotFoundError();
        rules.authorize?.(current, changes);
        assertPrecondition(precondition, current.version);
        const now = deps.clock.now();
        const next = changeUser(current, changes, now);
        if (next === current) return { user: current, endedSessions: [] };
        if (!(await repos.users.update(next, current.version))) return null;
        await rules.alongside?.(repos, now);
        await repos.outbox.add(userEvent(deps, 'user.updated', toUserView(next)));
        const passwordChanged = next.passwordHash !== current.passwordHash;
        const endedSessions = passwordChanged ? await repos.refreshTokens.revokeUserSessions(id, now, rules.keepSession) : [];
        return { user: next, endedSessions };
      }),
    'user',
  );
  await deps.users.written(ticket, toUserView(user));
  await Promise.all(endedSessions.map((sessionId) => deps.access.sessionEnded(sessionId)));
  return user;
}
