import { parseUserId } from '../../domain/user.ts';
import { UserNotFoundError } from '../../domain/user-errors.ts';
import { requirePermission, type Actor } from '../actor.ts';
import type { UserCache } from '../cached-entities.ts';
import { retryingConditionalWrite } from '../conditional-write.ts';
import { assertPrecondition, type VersionPrecondition } from '../precondition.ts';
import type { UnitOfWork } from '../ports/unit-of-work.ts';

export class DeleteUser {
  readonly #uow: UnitOfWork;
  readonly #users: UserCache;

  constructor(deps: { uow: UnitOfWork; users: UserCache }) {
    this.#uow = deps.uow;
    this.#users = deps.users;
  }

  /**
   * Deleting what is already gone is a 404, so a second delete tells the client it lost a race.
   * The delete is conditional on the version checked against If-Match; a write slipping in
   * between makes the next attempt re-check it (412 with If-Match, a plain retry without).
   */
  async execute(input: { id: string; ifMatch?: VersionPrecondition }, actor: Actor): Promise<void> {
    requirePermission(actor, 'users:delete');
    const id = parseUserId(input.id);
    if (!id) throw new UserNotFoundError();
    await retryingConditionalWrite(
      () =>
        this.#uow.transaction(async (repos) => {
          const current = await repos.users.findById(id);
          if (!current) throw new UserNotFoundError();
          assertPrecondition(input.ifMatch, current.version);
          return (await repos.users.remove(id, current.version)) ? true : null;
        }),
      'user',
    );
    // After the commit: its cached entry goes (so do its tokens, whose holder is now gone). Posts
    // are not cached, so `user:{id}` is the only key that names the user.
    await this.#users.invalidate(id);
  }
}
