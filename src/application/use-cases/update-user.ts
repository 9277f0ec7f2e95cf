import type { User, UserRole, UserStatus } from '../../domain/user.ts';
import type { VersionPrecondition } from '../precondition.ts';
import type { Clock } from '../ports/clock.ts';
import type { IdGenerator } from '../ports/id-generator.ts';
import type { PasswordHasher } from '../ports/password-hasher.ts';
import type { UnitOfWork } from '../ports/unit-of-work.ts';
import type { Actor } from '../actor.ts';
import type { UserCache } from '../cached-entities.ts';
import { applyUserWrite } from '../modify-user.ts';

export type UpdateUserInput = {
  id: string;
  name?: string;
  email?: string;
  status?: UserStatus;
  role?: UserRole;
  password?: string;
  ifMatch?: VersionPrecondition;
};

/** PATCH: any subset of the writable fields; a change to nothing leaves version and ETag alone. */
export class UpdateUser {
  readonly #deps: { uow: UnitOfWork; ids: IdGenerator; clock: Clock; hasher: PasswordHasher; users: UserCache };

  constructor(deps: { uow: UnitOfWork; ids: IdGenerator; clock: Clock; hasher: PasswordHasher; users: UserCache }) {
    this.#deps = deps;
  }

  async execute(input: UpdateUserInput, actor: Actor): Promise<User> {
    const { id, ifMatch, password, ...fields } = input;
    return applyUserWrite(this.#deps, actor, { id, ifMatch, fields, password });
  }
}
