import { raw, type InferEntity } from '@mikro-orm/core';
import type { QueryBuilder } from '@mikro-orm/postgresql';
import type { PostFilters, PostSortField, PostSortKey, PostVisibility } from '../../../application/ports/post-list-query.ts';
import type { KeysetPosition } from '../../../application/ports/list-query.ts';
import type { PostEntity } from './post-entity.ts';
import type { VisibilityPredicate } from './post-statements.ts';
import { keysetCondition, likeSubstringPattern, orderBy, orderColumns, type SortExpressions } from './list-sql.ts';

/** The alias every list query gives the posts table, so raw fragments can name columns unambiguously. */
export const POSTS_ALIAS = 'p';

type PostsQuery = QueryBuilder<InferEntity<typeof PostEntity>, typeof POSTS_ALIAS>;

/** The selected columns, aliased to PostRow's property names. */
export const POST_LIST_COLUMNS = [
  'id',
  'author_id as authorId',
  'title',
  'body',
  'status',
  'created_at as createdAt',
  'updated_at as updatedAt',
  'version',
].map((column) => {
  const [name, alias] = column.split(' as ');
  return raw(`"${POSTS_ALIAS}"."${name}"${alias ? ` as "${alias}"` : ''}`);
});

/**
 * Text sorts compare by code point (COLLATE "C"), as for users: the same on every database locale
 * and in the in-memory adapter.
 */
const SORT_EXPRESSIONS: SortExpressions<PostSortField> = {
  title: `"${POSTS_ALIAS}"."title" collate "C"`,
  createdAt: `"${POSTS_ALIAS}"."created_at"`,
  updatedAt: `"${POSTS_ALIAS}"."updated_at"`,
  id: `"${POSTS_ALIAS}"."id"`,
};

const ordered = (sort: readonly PostSortKey[]) => orderColumns(sort, SORT_EXPRESSIONS);

/**
 * The drafts rule as SQL on the rows of `table`: nothing for `allDrafts`; `status = 'published'`
 * for a reader with no drafts of their own, written exactly as the partial index's predicate so
 * the planner can use that index; published or the reader's own otherwise.
 */
export function visibilityPredicate(visibility: PostVisibility, table: string): VisibilityPredicate | null {
  if (visibility.allDrafts) return null;
  const published = `"${table}"."status" = 'published'`;
  if (visibility.draftsOf === null) return { sql: published, params: [] };
  return { sql: `(${published} or "${table}"."author_id" = ?)`, params: [visibility.draftsOf] };
}

/** authorId, status, search and the visibility rule, combined with AND. Values travel as parameters. */
export function applyFilters(qb: PostsQuery, filters: PostFilters & Readonly<{ visibility: PostVisibility }>): void {
  if (filters.authorId) qb.andWhere({ author: filters.authorId });
  if (filters.status) qb.andWhere({ status: filters.status });
  if (filters.search) {
    const pattern = likeSubstringPattern(filters.search);
    // ILIKE (not lower(...) LIKE) so the trigram index on title and body can serve it.
    qb.andWhere(
      `("${POSTS_ALIAS}"."title" ilike ? escape '\\' or "${POSTS_ALIAS}"."body" ilike ? escape '\\')`,
      [pattern, pattern],
    );
  }
  const visible = visibilityPredicate(filters.visibility, POSTS_ALIAS);
  if (visible) qb.andWhere(visible.sql, [...visible.params]);
}

export function applyOrder(qb: PostsQuery, sort: readonly PostSortKey[]): void {
  qb.orderBy(orderBy(ordered(sort)));
}

/** Rows strictly after `after` in the query's order (see list-sql.ts). */
export function applyKeyset(qb: PostsQuery, sort: readonly PostSortKey[], after: KeysetPosition): void {
  const { sql, params } = keysetCondition(ordered(sort), after);
  qb.andWhere(sql, params);
}
