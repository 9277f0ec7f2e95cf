import { ForbiddenError } from '../../domain/errors.ts';
import { createPost, type Post, type PostId, type PostStatus } from '../../domain/post.ts';
import { requirePermission, type Actor } from '../shared/actor.ts';
import { postEvent, type EventDependencies } from '../events/event-records.ts';
import type { UnitOfWork } from '../ports/unit-of-work.ts';
import type { RecordAnswer } from '../shared/idempotent-creation.ts';

/** What the post writers need: a transaction, and ids and a clock for the post and its event. */
export type PostWriteDependencies = Readonly<{ uow: UnitOfWork } & EventDependencies>;

export type CreatePostInput = { title: string; body: string; status?: PostStatus };

/** The caller is the author: no input names one, so nobody posts in another's name. */
export class CreatePost {
  readonly #deps: PostWriteDependencies;

  constructor(deps: PostWriteDependencies) {
    this.#deps = deps;
  }

  /** `recordAnswer`: an Idempotency-Key's, kept in the create's transaction (IdempotentCreation). */
  async execute(input: CreatePostInput, actor: Actor, recordAnswer?: RecordAnswer<Post>): Promise<Post> {
    requirePermission(actor, 'posts:write');
    if (actor.userId === null) throw new ForbiddenError('Not allowed to author posts without a user');
    const post = createPost({ ...input, id: this.#deps.ids.next() as PostId, authorId: actor.userId, now: this.#deps.clock.now() });
    await this.#deps.uow.transaction(async (repos) => {
      await repos.posts.add(post);
      await repos.outbox.add(postEvent(this.#deps, 'post.created', post));
      await recordAnswer?.(repos, post);
    });
    return post;
  }
}
