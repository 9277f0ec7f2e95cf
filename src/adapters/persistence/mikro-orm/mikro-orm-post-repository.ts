import type { QueryResult } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/postgresql';
import type { PostPage, PostRepository } from '../../../application/ports/post-repository.ts';
import type { PostListQuery, PostVisibility } from '../../../application/ports/post-list-query.ts';
import type { Post, PostId } from '../../../domain/post.ts';
import type { UserId } from '../../../domain/user.ts';
import { PostEntity, toPost, type PostRow } from './post-entity.ts';
import { applyFilters, applyKeyset, applyOrder, POST_LIST_COLUMNS, POSTS_ALIAS, visibilityPredicate } from './post-list-sql.ts';
import { countedRows } from './row-counts.ts';
import { COUNT_DRAFTS_OF_AUTHOR, DELETE_POST, FIND_POST_BY_ID, INSERT_POST, newestPostsByAuthors, UPDATE_POST, uuidArrayLiteral } from './post-statements.ts';

/**
 * PostRepository on one EntityManager fork (transactional or not), like MikroOrmUserRepository:
 * fixed SQL for single rows and for `newestByAuthors`, the QueryBuilder for the list, plain rows
 * and conditional writes, so no identity map sits in between to go stale.
 */
export class MikroOrmPostRepository implements PostRepository {
  readonly #em: SqlEntityManager;

  constructor(em: SqlEntityManager) {
    this.#em = em;
  }

  async findById(id: PostId): Promise<Post | null> {
    const row = (await this.#em.execute<PostRow>(FIND_POST_BY_ID, [id], 'get')) as PostRow | undefined;
    return row ? toPost(row) : null;
  }

  /**
   * An unknown author (the foreign key) or a reused id (the primary key) is a programming error,
   * never a user's: the use case checks the author first. So neither is translated; it leaves the
   * unit of work as a DatabaseError, with the constraint name and without the SQL.
   */
  async add(post: Post): Promise<void> {
    const params = [post.id, post.authorId, post.title, post.body, post.status, post.createdAt, post.updatedAt, post.version];
    await this.#em.execute<QueryResult>(INSERT_POST, params, 'run');
  }

  async update(post: Post, expectedVersion: number): Promise<boolean> {
    const params = [post.title, post.body, post.status, post.updatedAt, post.version, post.id, expectedVersion];
    return (await this.#em.execute<QueryResult>(UPDATE_POST, params, 'run')).affectedRows === 1;
  }

  async remove(id: PostId, expectedVersion: number): Promise<boolean> {
    return (await this.#em.execute<QueryResult>(DELETE_POST, [id, expectedVersion], 'run')).affectedRows === 1;
  }

  async list(query: PostListQuery): Promise<PostPage> {
    const page = this.#em.createQueryBuilder(PostEntity, POSTS_ALIAS).select(POST_LIST_COLUMNS);
    applyFilters(page, query);
    applyOrder(page, query.sort);
    if (query.after) {
      applyKeyset(page, query.sort, query.after);
      return { items: (await page.limit(query.limit).execute<PostRow[]>('all', false)).map(toPost) };
    }
    const [rows, total] = await Promise.all([page.limit(query.limit, query.offset ?? 0).execute<PostRow[]>('all', false), this.#total(query)]);
    return { items: rows.map(toPost), total };
  }

  /**
   * The exact total without a count over every post: the trigger-kept counters (row-counts.ts)
   * for all or published posts, plus the reader's own drafts, which the author index bounds. A
   * search or an author filter is counted for real, bounded by the index that serves it.
   */
  async #total(query: PostListQuery): Promise<number> {
    if (!query.search && !query.authorId) {
      const { visibility, status } = query;
      if (visibility.allDrafts) return countedRows(this.#em, status ? `posts|status:${status}` : 'posts');
      const published = status === 'draft' ? 0 : await countedRows(this.#em, 'posts|status:published');
      const ownDrafts = status === 'published' || visibility.draftsOf === null ? 0 : await this.#draftsOf(visibility.draftsOf);
      return published + ownDrafts;
    }
    const counting = this.#em.createQueryBuilder(PostEntity, POSTS_ALIAS);
    applyFilters(counting, query);
    return counting.getCount();
  }

  async #draftsOf(authorId: UserId): Promise<number> {
    const row = (await this.#em.execute<{ n: string | number }>(COUNT_DRAFTS_OF_AUTHOR, [authorId], 'get')) as { n: string | number } | undefined;
    return Number(row?.n ?? 0);
  }

  async newestByAuthors(authorIds: readonly UserId[], visibility: PostVisibility, perAuthor: number): Promise<Map<UserId, Post[]>> {
    assertLimit(perAuthor);
    const newest = new Map<UserId, Post[]>();
    // Asking twice for one author would fetch its posts twice; the first mention sets its place.
    const authors = [...new Set(authorIds)];
    if (authors.length === 0 || perAuthor === 0) return newest;
    const visible = visibilityPredicate(visibility, 'posts') ?? { sql: 'true', params: [] };
    const params = [uuidArrayLiteral(authors), ...visible.params, perAuthor];
    const rows = (await this.#em.execute<PostRow[]>(newestPostsByAuthors(visible), params, 'all')) as PostRow[];
    for (const row of rows) {
      const post = toPost(row);
      const posts = newest.get(post.authorId);
      if (posts) posts.push(post);
      else newest.set(post.authorId, [post]);
    }
    return newest;
  }
}

/** MikroORM inlines the limit into the SQL text, so it is checked to be what LIMIT accepts. */
function assertLimit(perAuthor: number): void {
  if (!Number.isSafeInteger(perAuthor) || perAuthor < 0) throw new RangeError(`perAuthor must be a non-negative integer, got ${perAuthor}`);
}
