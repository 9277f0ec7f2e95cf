import { parsePostId } from '../../domain/post.ts';
import { PostNotFoundError } from '../../domain/post-errors.ts';
import type { Actor } from '../actor.ts';
import { retryingConditionalWrite } from '../conditional-write.ts';
import { assertMayDeletePost, visiblePost } from '../post-access.ts';
import { assertPrecondition, type VersionPrecondition } from '../precondition.ts';
import type { UnitOfWork } from '../ports/unit-of-work.ts';

/** DELETE: the author, or posts:delete; a second delete is a 404. */
export class DeletePost {
  readonly #uow: UnitOfWork;

  constructor(deps: { uow: UnitOfWork }) {
    this.#uow = deps.uow;
  }

  async execute(input: { id: string; ifMatch?: VersionPrecondition }, actor: Actor): Promise<void> {
    const id = parsePostId(input.id);
    if (!id) throw new PostNotFoundError();
    await retryingConditionalWrite(
      () =>
        this.#uow.transaction(async (repos) => {
          const current = visiblePost(await repos.posts.findById(id), actor);
          assertMayDeletePost(actor, current);
          assertPrecondition(input.ifMatch, current.version);
          return (await repos.posts.remove(id, current.version)) ? true : null;
        }),
      'post',
    );
  }
}
