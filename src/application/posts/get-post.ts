import { parsePostId, type Post } from '../../domain/post.ts';
import { PostNotFoundError } from '../../domain/errors.ts';
import { requirePermission, type Actor } from '../shared/actor.ts';
import { visiblePost } from './post-access.ts';
import type { UnitOfWork } from '../ports/unit-of-work.ts';

export class GetPost {
  readonly #uow: UnitOfWork;

  constructor(deps: { uow: UnitOfWork }) {
    this.#uow = deps.uow;
  }

  async execute(input: { id: string }, actor: Actor): Promise<Post> {
    requirePermission(actor, 'posts:read');
    const id = parsePostId(input.id);
    if (!id) throw new PostNotFoundError();
    return visiblePost(await this.#uow.read((repos) => repos.posts.findById(id)), actor);
  }
}
