import type { User, UserId, UserRole, UserStatus } from '../../domain/user.ts';
import type { VersionPrecondition } from '../shared/precondition.ts';
import type { Actor } from '../shared/actor.ts';
import { applyUserWrite, type UserWriteDependencies } from './apply-user-write.ts';

export type UpdateUserInput = {
  id: UserId;
  name?: string;
  email?: string;
  status?: UserStatus;
  role?: UserRole;
  password?: string;
  /** Needed when a user changes its own email or password. */
  currentPassword?: string;
  /** The caller's address (a wrong currentPassword counts against it); `unknown` when there is none. */
  clientAddress?: string;
  ifMatch?: VersionPrecondition;
};

/** PATCH: any subset of the writable fields; a change to nothing leaves version and ETag alone. */
export class UpdateUser {
  readonly #deps: UserWriteDependencies;

  constructor(deps: UserWriteDependencies) {
    this.#deps = deps;
  }

  async execute(input: UpdateUserInput, actor: Actor): Promise<User> {
    const { id, ifMatch, password, currentPassword, clientAddress = 'unknown', ...fields } = input;
    return applyUserWrite(this.#deps, actor, { id, ifMatch, fields, password, currentPassword, clientAddress });
  }
}
