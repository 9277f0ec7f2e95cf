import { parseUserId, type User } from '../../domain/user.ts';
import { UserNotFoundError } from '../../domain/user-errors.ts';
import { requirePermission, type Actor } from '../actor.ts';
import type { UnitOfWork } from '../ports/unit-of-work.ts';

export class GetUser {
  readonly #uow: UnitOfWork;

  constructor(deps: { uow: UnitOfWork }) {
    this.#uow = deps.uow;
  }

  async execute(input: { id: string }, actor: Actor): Promise<User> {
    requirePermission(actor, 'users:read');
    const id = parseUserId(input.id);
    if (!id) throw new UserNotFoundError();
    const user = await this.#uow.read((repos) => repos.users.findById(id));
    if (!user) throw new UserNotFoundError();
    return user;
  }
}
