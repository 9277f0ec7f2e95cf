import type { User, UserChanges, UserId } from '../../domain/user.ts';
import type { Actor } from '../shared/actor.ts';
import type { VersionPrecondition } from '../shared/precondition.ts';
import { applyUserWrite, type UserWriteDependencies } from './apply-user-write.ts';

/** The writable fields PUT and PATCH take; the password hash is derived, never sent. */
type WritableFields = Omit<UserChanges, 'passwordHash'>;

/** What PUT and PATCH take beside the fields they write. */
export type WriteUserInput<Fields extends WritableFields> = Fields & {
  id: UserId;
  password?: string;
  /** Needed when a user changes its own email or password. */
  currentPassword?: string;
  /** The caller's address (a wrong currentPassword counts against it); `unknown` when there is none. */
  clientAddress?: string;
  ifMatch?: VersionPrecondition;
};

/** PUT and PATCH differ only in which fields their input requires; the rules are applyUserWrite's. */
export abstract class WriteUser<Fields extends WritableFields> {
  readonly #deps: UserWriteDependencies;

  constructor(deps: UserWriteDependencies) {
    this.#deps = deps;
  }

  async execute(input: WriteUserInput<Fields>, actor: Actor): Promise<User> {
    const { id, ifMatch, password, currentPassword, clientAddress = 'unknown', ...fields } = input;
    return applyUserWrite(this.#deps, actor, { id, ifMatch, fields, password, currentPassword, clientAddress });
  }
}
