import { changePost, validatePostChanges, type Post, type PostId, type PostStatus } from '../../domain/post.ts';
import { requirePermission, type Actor } from '../shared/actor.ts';
import { retryingConditionalWrite } from '../shared/conditional-write.ts';
import { assertMayChangePost, visiblePost } from './post-access.ts';
import { assertPrecondition, type VersionPrecondition } from '../shared/precondition.ts';
import { postEvent } from '../events/event-records.ts';
import type { PostWriteDependencies } from './create-post.ts';

export type UpdatePostInput = { id: PostId; title?: string; body?: string; status?: PostStatus; ifMatch?: VersionPrecondition };

/** PATCH: the author or an admin; fields checked before any I/O; conditional on the version read. */
export class UpdatePost {
  readonly #deps: PostWriteDependencies;

  constructor(deps: PostWriteDependencies) {
    this.#deps = deps;
  }

  async execute(input: UpdatePostInput, actor: Actor): Promise<Post> {
    requirePermission(actor, 'posts:write');
    const { id, ifMatch, ...fields } = input;
    validatePostChanges(fields);
    return retryingConditionalWrite(
      () =>
        this.#deps.uow.transaction(async (repos) => {
          const current = visiblePost(await repos.posts.findById(id), actor);
          assertMayChangePost(actor, current);
          assertPrecondition(ifMatch, current.version);
          const next = changePost(current, fields, this.#deps.clock.now());
          if (next === current) return current;
          if (!(await repos.posts.update(next, current.version))) return null;
          await repos.outbox.add(postEvent(this.#deps, 'post.updated', next));
          return next;
        }),
      'post',
    );
  }
}
