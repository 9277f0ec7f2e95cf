import type { Post } from '../../domain/post.ts';
import type { User, UserId } from '../../domain/user.ts';
import { requirePermission, type Actor } from '../shared/actor.ts';
import { visibilityFor } from './post-access.ts';
import type { UnitOfWork } from '../ports/unit-of-work.ts';

/** API.md: `include=posts` embeds each user's newest posts, at most this many. */
export const INCLUDED_POSTS_PER_USER = 10;

/**
 * `?include=posts`: the newest posts the actor may see of each user, in one repository call (one
 * query) whatever the number of users, so a page of 100 users costs what a page of 1 does. It
 * takes ids only: how each user itself is shown was decided by GetUser or ListUsers (user-visibility.ts).
 */
export class IncludePosts {
  readonly #uow: UnitOfWork;

  constructor(deps: { uow: UnitOfWork }) {
    this.#uow = deps.uow;
  }

  async execute(users: readonly Pick<User, 'id'>[], actor: Actor): Promise<Map<UserId, Post[]>> {
    requirePermission(actor, 'posts:read');
    if (users.length === 0) return new Map();
    const ids = users.map((user) => user.id);
    return this.#uow.read((repos) => repos.posts.newestByAuthors(ids, visibilityFor(actor), INCLUDED_POSTS_PER_USER));
  }
}
