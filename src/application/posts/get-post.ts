import type { Post, PostId } from '../../domain/post.ts';
import { requirePermission, type Actor } from '../shared/actor.ts';
import { visiblePost } from './post-access.ts';
import type { UnitOfWork } from '../ports/unit-of-work.ts';

export class GetPost {
  readonly #uow: UnitOfWork;

  constructor(deps: { uow: UnitOfWork }) {
    this.#uow = deps.uow;
  }

  async execute(input: { id: PostId }, actor: Actor): Promise<Post> {
    requirePermission(actor, 'posts:read');
    return visiblePost(await this.#uow.read((repos) => repos.posts.findById(input.id)), actor);
  }
}
