import type { User } from '../../domain/user.ts';
import { SYSTEM_ACTOR } from '../actor.ts';
import type { CreateUser } from './create-user.ts';

export type RegisterInput = { name: string; email: string; password: string };

/**
 * Self-service sign-up: always an active member with a password. The public route offers no
 * role or status field, and this use case sets them itself, so sign-up cannot grant more.
 */
export class Register {
  readonly #create: CreateUser;

  constructor(deps: { create: CreateUser }) {
    this.#create = deps.create;
  }

  execute(input: RegisterInput): Promise<User> {
    const { name, email, password } = input;
    return this.#create.execute({ name, email, password, role: 'member', status: 'active' }, SYSTEM_ACTOR);
  }
}
