import type { PostListQuery, PostSortField, PostVisibility } from '../../src/application/ports/post-list-query.ts';
import { comparator, foldCase, positionAsRow } from './in-memory-listing.ts';
import type { PostPage, PostRepository } from '../../src/application/ports/post-repository.ts';
import type { Post, PostId } from '../../src/domain/post.ts';
import type { UserId } from '../../src/domain/user.ts';

/**
 * The in-process PostRepository. It must filter, order, page and pick the newest posts exactly
 * like the MikroORM adapter on PostgreSQL (the contract suite runs against both): titles sort by
 * code point (COLLATE "C"), search folds case one code point at a time (ILIKE), the author and
 * creation time of a stored post never change (UPDATE does not write them), and it enforces the
 * foreign key to users, since PostgreSQL would refuse such a row too.
 */
export class InMemoryPostRepository implements PostRepository {
  readonly rows = new Map<PostId, Post>();
  readonly #userExists: (id: UserId) => boolean;

  /** `userExists` stands in for the foreign key to users. */
  constructor(userExists: (id: UserId) => boolean) {
    this.#userExists = userExists;
  }

  async findById(id: PostId): Promise<Post | null> {
    return this.rows.get(id) ?? null;
  }

  async add(post: Post): Promise<void> {
    if (this.rows.has(post.id)) throw new Error('A post with this id already exists');
    if (!this.#userExists(post.authorId)) throw new Error('A post must belong to an existing user');
    this.rows.set(post.id, post);
  }

  async update(post: Post, expectedVersion: number): Promise<boolean> {
    const current = this.rows.get(post.id);
    if (!current || current.version !== expectedVersion) return false;
    this.rows.set(post.id, { ...post, authorId: current.authorId, createdAt: current.createdAt });
    return true;
  }

  async remove(id: PostId, expectedVersion: number): Promise<boolean> {
    const current = this.rows.get(id);
    if (!current || current.version !== expectedVersion) return false;
    return this.rows.delete(id);
  }

  async list(query: PostListQuery): Promise<PostPage> {
    const order = comparator<PostSortField, Post>(query.sort);
    const matching = [...this.rows.values()].filter((post) => matches(post, query)).sort(order);
    if (query.after) {
      const after = positionAsRow<Post>(query.after, query.sort);
      return { items: matching.filter((post) => order(post, after) > 0).slice(0, query.limit) };
    }
    const offset = query.offset ?? 0;
    return { items: matching.slice(offset, offset + query.limit), total: matching.length };
  }

  async newestByAuthors(authorIds: readonly UserId[], visibility: PostVisibility, perAuthor: number): Promise<Map<UserId, Post[]>> {
    if (!Number.isSafeInteger(perAuthor) || perAuthor < 0) throw new RangeError(`perAuthor must be a non-negative integer, got ${perAuthor}`);
    const newest = new Map<UserId, Post[]>();
    const order = comparator<PostSortField, Post>([{ field: 'createdAt', direction: 'desc' }]);
    for (const authorId of new Set(authorIds)) {
      const posts = [...this.rows.values()].filter((post) => post.authorId === authorId && isVisible(post, visibility)).sort(order);
      if (posts.length > 0 && perAuthor > 0) newest.set(authorId, posts.slice(0, perAuthor));
    }
    return newest;
  }

  /** The foreign key's `on delete cascade`: called when a user row goes. */
  removeOfAuthor(authorId: UserId): void {
    for (const [id, post] of this.rows) if (post.authorId === authorId) this.rows.delete(id);
  }
}

function isVisible(post: Post, visibility: PostVisibility): boolean {
  return visibility.allDrafts || post.status === 'published' || post.authorId === visibility.draftsOf;
}

function matches(post: Post, query: PostListQuery): boolean {
  if (query.authorId && post.authorId !== query.authorId) return false;
  if (query.status && post.status !== query.status) return false;
  if (!isVisible(post, query.visibility)) return false;
  if (query.search) {
    const needle = foldCase(query.search);
    return foldCase(post.title).includes(needle) || foldCase(post.body).includes(needle);
  }
  return true;
}
