import type { z } from 'zod';
import type { UserView } from '../../../domain/user.ts';
import type { userResource } from './user-schemas.ts';

export type UserJson = z.output<typeof userResource>;

/**
 * A user as clients see it. Fields are picked one by one (never spread) so that a field added to
 * the domain, like `passwordHash` or `version`, cannot leak by default; the version travels in
 * the ETag instead.
 */
export function presentUser(user: UserView): UserJson {
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    status: user.status,
    role: user.role,
    createdAt: user.createdAt.toISOString(),
    updatedAt: user.updatedAt.toISOString(),
  };
}
