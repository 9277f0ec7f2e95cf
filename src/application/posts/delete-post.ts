import type { PostId } from '../../domain/post.ts';
import type { Actor } from '../shared/actor.ts';
import { retryingConditionalWrite } from '../shared/conditional-write.ts';
import { assertMayDeletePost, visiblePost } from './post-access.ts';
import { assertPrecondition, type VersionPrecondition } from '../shared/precondition.ts';
import { postDeleted, type EventDependencies } from '../events/event-records.ts';
import type { UnitOfWork } from '../ports/unit-of-work.ts';

/** DELETE: the author, or posts:delete; a second delete is a 404. */
export class DeletePost {
  readonly #uow: UnitOfWork;
  readonly #events: EventDependencies;

  constructor(deps: { uow: UnitOfWork } & EventDependencies) {
    this.#uow = deps.uow;
    this.#events = { ids: deps.ids, clock: deps.clock };
  }

  async execute(input: { id: PostId; ifMatch?: VersionPrecondition }, actor: Actor): Promise<void> {
    const { id } = input;
    await retryingConditionalWrite(
      () =>
        this.#uow.transaction(async (repos) => {
          const current = visiblePost(await repos.posts.findById(id), actor);
          assertMayDeletePost(actor, current);
          assertPrecondition(input.ifMatch, current.version);
          if (!(await repos.posts.remove(id, current.version))) return null;
          await repos.outbox.add(postDeleted(this.#events, id));
          return true;
        }),
      'post',
    );
  }
}
