import type { Post, PostId } from '../../domain/post.ts';
import type { UserId } from '../../domain/user.ts';
import type { PostListQuery, PostVisibility } from './post-list-query.ts';

export type PostPage = {
  items: Post[];
  /** Exact count of every post matching the filters and visibility; only for offset pages. */
  total?: number;
};

/**
 * Persistence of posts, bound to the unit of work's transaction like the other repositories.
 * A post's author must exist; deleting a user deletes its posts (in PostgreSQL by the foreign
 * key's cascade). Implementations agree on everything the contract suite pins down.
 */
export interface PostRepository {
  findById(id: PostId): Promise<Post | null>;
  add(post: Post): Promise<void>;
  /** Stores `post` if the row still has `expectedVersion`; false when it does not (changed or deleted). */
  update(post: Post, expectedVersion: number): Promise<boolean>;
  /** Deletes if the row still has `expectedVersion`; false when it does not. */
  remove(id: PostId, expectedVersion: number): Promise<boolean>;
  /** One page in the query's order; offset pages also count `total`. */
  list(query: PostListQuery): Promise<PostPage>;
  /**
   * Each author's newest visible posts (createdAt desc, id desc), at most `perAuthor` each, in ONE
   * round trip whatever the number of authors: what `?include=posts` embeds without N+1 queries.
   * Authors with no visible post are absent from the map.
   */
  newestByAuthors(authorIds: readonly UserId[], visibility: PostVisibility, perAuthor: number): Promise<Map<UserId, Post[]>>;
}
