import { ForbiddenError } from '../../domain/errors.ts';
import type { UserStatus, UserRole, UserView } from '../../domain/user.ts';
import { isSelf, type Actor } from '../shared/actor.ts';
import type { SortKey } from '../ports/user-list-query.ts';

/**
 * Who sees what of the user directory (API.md, "Who sees what"). Decided here, in the use
 * cases, so that every inbound adapter (HTTP, a CLI, a job) hands out the same: admins (and the
 * system) see every user in full, a member sees itself in full and everyone else as a profile.
 */

/** What anyone signed in may know of another user: not how to reach it (email), nor its role or status. */
export type PublicProfile = Readonly<Pick<UserView, 'id' | 'name' | 'createdAt'>>;

/** A user as one actor may see it; the adapter renders the shape decided here, never chooses. */
export type SeenUser = Readonly<{ visibility: 'full'; user: UserView }> | Readonly<{ visibility: 'public'; user: PublicProfile }>;

/** Admins, and the service acting for itself, see every user in full. */
export function seesEveryoneInFull(actor: Actor): boolean {
  return actor.role === 'admin';
}

/** `user` as `actor` may see it: fields are picked one by one, so a new one cannot leak by default. */
export function seenBy(actor: Actor, user: UserView): SeenUser {
  if (seesEveryoneInFull(actor) || isSelf(actor, user.id)) return { visibility: 'full', user };
  return { visibility: 'public', user: { id: user.id, name: user.name, createdAt: user.createdAt } };
}

export type DirectoryQuery = Readonly<{ status?: UserStatus; role?: UserRole; sort: readonly SortKey[] }>;

/**
 * A member's list may not filter or order by what a profile hides: each would tell it who is an
 * admin, who is suspended, whose email comes first or who changed last. Refused (403), not silently ignored, so a
 * client never mistakes an unfiltered list for a filtered one.
 */
export function assertMayQueryDirectory(actor: Actor, query: DirectoryQuery): void {
  if (seesEveryoneInFull(actor)) return;
  if (query.status !== undefined) throw new ForbiddenError('Not allowed to filter users by status');
  if (query.role !== undefined) throw new ForbiddenError('Not allowed to filter users by role');
  if (query.sort.some((key) => key.field === 'email')) throw new ForbiddenError('Not allowed to sort users by email');
  // Beyond the contract's letter, by its rule: the order by `updatedAt` tells when each user last
  // changed (a password, a suspension), which the profile hides; a member editing itself to move
  // between others could time anyone's change.
  if (query.sort.some((key) => key.field === 'updatedAt')) throw new ForbiddenError('Not allowed to sort users by updatedAt');
}
