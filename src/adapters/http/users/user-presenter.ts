import type { z } from 'zod';
import { userRepresentation } from '../../../application/representations.ts';
import type { UserView } from '../../../domain/user.ts';
import type { userResource } from './user-schemas.ts';

export type UserJson = z.output<typeof userResource>;

/** A user as clients see it: the representation the events carry too (application/representations.ts). */
export function presentUser(user: UserView): UserJson {
  return userRepresentation(user);
}
