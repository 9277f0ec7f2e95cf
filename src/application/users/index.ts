import type { AccountAccess } from '../auth/account-access.ts';
import type { SignInFailures } from '../auth/sign-in-failures.ts';
import { IncludePosts } from '../posts/include-posts.ts';
import type { Clock } from '../ports/clock.ts';
import type { CursorCodec } from '../ports/cursor-codec.ts';
import type { IdGenerator } from '../ports/id-generator.ts';
import type { PasswordHasher } from '../ports/password-hasher.ts';
import type { UnitOfWork } from '../ports/unit-of-work.ts';
import type { UserCache } from '../shared/cached-entities.ts';
import { CreateUser } from './create-user.ts';
import { DeleteUser } from './delete-user.ts';
import { GetUser } from './get-user.ts';
import { ListUsers } from './list-users.ts';
import { ReplaceUser } from './replace-user.ts';
import { UpdateUser } from './update-user.ts';

/** What the users routes call; `includePosts` embeds each listed user's posts (include=posts). */
export type UserUseCases = {
  create: CreateUser;
  get: GetUser;
  list: ListUsers;
  replace: ReplaceUser;
  update: UpdateUser;
  remove: DeleteUser;
  includePosts: IncludePosts;
};

export type UserDependencies = Readonly<{
  uow: UnitOfWork;
  ids: IdGenerator;
  clock: Clock;
  hasher: PasswordHasher;
  cursors: CursorCodec;
  /** Users are read through it (cache-aside) and written through it after commits. */
  users: UserCache;
  /** Shared with the auth slice: a password change ends the sessions it revoked at once. */
  access: AccountAccess;
  /** Shared with the auth slice: a wrong currentPassword counts as a failed sign-in. */
  failures: SignInFailures;
}>;

export function createUserUseCases(deps: UserDependencies): UserUseCases {
  return {
    create: new CreateUser(deps),
    get: new GetUser(deps),
    list: new ListUsers(deps),
    replace: new ReplaceUser(deps),
    update: new UpdateUser(deps),
    remove: new DeleteUser(deps),
    includePosts: new IncludePosts(deps),
  };
}
