import type { UserId } from '../../domain/user.ts';
import { UserNotFoundError } from '../../domain/errors.ts';
import { requirePermission, type Actor } from '../shared/actor.ts';
import type { UserCache } from '../shared/cached-entities.ts';
import { userDeleted, type EventDependencies } from '../events/event-records.ts';
import { retryingConditionalWrite } from '../shared/conditional-write.ts';
import { assertPrecondition, type VersionPrecondition } from '../shared/precondition.ts';
import type { UnitOfWork } from '../ports/unit-of-work.ts';

export class DeleteUser {
  readonly #uow: UnitOfWork;
  readonly #users: UserCache;
  readonly #events: EventDependencies;

  constructor(deps: { uow: UnitOfWork; users: UserCache } & EventDependencies) {
    this.#uow = deps.uow;
    this.#users = deps.users;
    this.#events = { ids: deps.ids, clock: deps.clock };
  }

  /**
   * Deleting what is already gone is a 404, so a second delete tells the client it lost a race.
   * The delete is conditional on the version checked against If-Match; a write slipping in
   * between makes the next attempt re-check it (412 with If-Match, a plain retry without).
   */
  async execute(input: { id: UserId; ifMatch?: VersionPrecondition }, actor: Actor): Promise<void> {
    requirePermission(actor, 'users:delete');
    const { id } = input;
    await retryingConditionalWrite(
      () =>
        this.#uow.transaction(async (repos) => {
          const current = await repos.users.findById(id);
          if (!current) throw new UserNotFoundError();
          assertPrecondition(input.ifMatch, current.version);
          if (!(await repos.users.remove(id, current.version))) return null;
          // The user's posts and sessions go with it (the foreign keys cascade): this one event says so.
          await repos.outbox.add(userDeleted(this.#events, id));
          return true;
        }),
      'user',
    );
    // After the commit: its cached entry goes (so do its tokens, whose holder is now gone). Posts
    // are not cached, so `user:{id}` is the only key that names the user.
    await this.#users.invalidate(id);
  }
}
