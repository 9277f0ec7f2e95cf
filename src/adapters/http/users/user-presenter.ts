import type { z } from 'zod';
import { publicProfileRepresentation, userRepresentation } from '../../../application/shared/representations.ts';
import type { SeenUser } from '../../../application/users/user-visibility.ts';
import type { UserView } from '../../../domain/user.ts';
import { contentEtag, versionEtag } from '../etag.ts';
import type { publicProfile, userResource } from './user-schemas.ts';

export type UserJson = z.output<typeof userResource>;
export type PublicProfileJson = z.output<typeof publicProfile>;

/** A user as clients see it: the representation the events carry too (application/representations.ts). */
export function presentUser(user: UserView): UserJson {
  return userRepresentation(user);
}

/** The shape the use case decided (user-visibility.ts): the adapter renders it, never widens it. */
export function presentSeenUser(seen: SeenUser): UserJson | PublicProfileJson {
  return seen.visibility === 'full' ? userRepresentation(seen.user) : publicProfileRepresentation(seen.user);
}

/** The full user's version tag, or a profile's weak content tag (etag.ts says why). */
export function seenUserEtag(seen: SeenUser): Promise<string> | string {
  return seen.visibility === 'full' ? versionEtag(seen.user.version) : contentEtag(publicProfileRepresentation(seen.user));
}
