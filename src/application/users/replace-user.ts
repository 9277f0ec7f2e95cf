import type { User, UserId, UserRole, UserStatus } from '../../domain/user.ts';
import type { Actor } from '../shared/actor.ts';
import { applyUserWrite, type UserWriteDependencies } from './apply-user-write.ts';
import type { VersionPrecondition } from '../shared/precondition.ts';

export type ReplaceUserInput = {
  id: UserId;
  name: string;
  email: string;
  status: UserStatus;
  role: UserRole;
  password?: string;
  /** Needed when a user changes its own email or password. */
  currentPassword?: string;
  /** The caller's address (a wrong currentPassword counts against it); `unknown` when there is none. */
  clientAddress?: string;
  ifMatch?: VersionPrecondition;
};

/** PUT: every writable field but the password is required (the HTTP schema enforces presence). */
export class ReplaceUser {
  readonly #deps: UserWriteDependencies;

  constructor(deps: UserWriteDependencies) {
    this.#deps = deps;
  }

  async execute(input: ReplaceUserInput, actor: Actor): Promise<User> {
    const { id, ifMatch, password, currentPassword, clientAddress = 'unknown', ...fields } = input;
    return applyUserWrite(this.#deps, actor, { id, ifMatch, fields, password, currentPassword, clientAddress });
  }
}
