import type { User, UserRole, UserStatus } from '../../domain/user.ts';
import type { Actor } from '../actor.ts';
import type { UserCache } from '../cached-entities.ts';
import { applyUserWrite } from '../modify-user.ts';
import type { VersionPrecondition } from '../precondition.ts';
import type { Clock } from '../ports/clock.ts';
import type { IdGenerator } from '../ports/id-generator.ts';
import type { PasswordHasher } from '../ports/password-hasher.ts';
import type { UnitOfWork } from '../ports/unit-of-work.ts';

export type ReplaceUserInput = {
  id: string;
  name: string;
  email: string;
  status: UserStatus;
  role: UserRole;
  password?: string;
  ifMatch?: VersionPrecondition;
};

/** PUT: every writable field but the password is required (the HTTP schema enforces presence). */
export class ReplaceUser {
  readonly #deps: { uow: UnitOfWork; ids: IdGenerator; clock: Clock; hasher: PasswordHasher; users: UserCache };

  constructor(deps: { uow: UnitOfWork; ids: IdGenerator; clock: Clock; hasher: PasswordHasher; users: UserCache }) {
    this.#deps = deps;
  }

  async execute(input: ReplaceUserInput, actor: Actor): Promise<User> {
    const { id, ifMatch, password, ...fields } = input;
    return applyUserWrite(this.#deps, actor, { id, ifMatch, fields, password });
  }
}
