import { ForbiddenError, PostNotFoundError } from '../../domain/errors.ts';
import { isVisibleTo, type Post } from '../../domain/post.ts';
import { hasPermission, type Actor } from '../shared/actor.ts';
import type { PostVisibility } from '../ports/post-list-query.ts';

/**
 * The ownership rules of posts (API.md). Drafts exist only for their author and admins, so for
 * anyone else a draft is a 404, never a 403 that would confirm it exists.
 */
export function visibilityFor(actor: Actor): PostVisibility {
  return actor.role === 'admin' ? { allDrafts: true } : { allDrafts: false, draftsOf: actor.userId };
}

/** The post as `actor` may see it, or PostNotFoundError. */
export function visiblePost(post: Post | null, actor: Actor): Post {
  if (!post || !isVisibleTo(post, actor)) throw new PostNotFoundError();
  return post;
}

/** PATCH: the author, or an admin ("posts:write on others as admin"). */
export function assertMayChangePost(actor: Actor, post: Post): void {
  if (post.authorId !== actor.userId && actor.role !== 'admin') throw new ForbiddenError("Not allowed to change another user's post");
}

/** DELETE: the author, or whoever holds posts:delete. */
export function assertMayDeletePost(actor: Actor, post: Post): void {
  if (post.authorId !== actor.userId && !hasPermission(actor, 'posts:delete')) throw new ForbiddenError('Missing permission: posts:delete');
}
