import type { UserUseCases } from './adapters/http/users/user-routes.ts';
import type { Clock } from './application/ports/clock.ts';
import type { CursorCodec } from './application/ports/cursor-codec.ts';
import type { IdGenerator } from './application/ports/id-generator.ts';
import type { PasswordHasher } from './application/ports/password-hasher.ts';
import type { UnitOfWork } from './application/ports/unit-of-work.ts';
import { CreateUser } from './application/use-cases/create-user.ts';
import { DeleteUser } from './application/use-cases/delete-user.ts';
import { GetUser } from './application/use-cases/get-user.ts';
import { ListUsers } from './application/use-cases/list-users.ts';
import { ReplaceUser } from './application/use-cases/replace-user.ts';
import { UpdateUser } from './application/use-cases/update-user.ts';

export type UserUseCaseDependencies = {
  uow: UnitOfWork;
  ids: IdGenerator;
  clock: Clock;
  hasher: PasswordHasher;
  cursors: CursorCodec;
};

/** The users use cases over the given ports: the composition root's wiring, shared with tests. */
export function createUserUseCases(deps: UserUseCaseDependencies): UserUseCases {
  const { uow, ids, clock, hasher, cursors } = deps;
  return {
    create: new CreateUser({ uow, ids, clock, hasher }),
    get: new GetUser({ uow }),
    list: new ListUsers({ uow, cursors }),
    replace: new ReplaceUser({ uow, clock, hasher }),
    update: new UpdateUser({ uow, clock, hasher }),
    remove: new DeleteUser({ uow }),
  };
}
