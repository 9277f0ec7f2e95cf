import { raw, type InferEntity } from '@mikro-orm/core';
import type { QueryBuilder } from '@mikro-orm/postgresql';
import type { PostFilters, PostSortField, PostSortKey, PostVisibility } from '../../../application/post-list.ts';
import { idDirection, type KeysetPosition, type SortDirection } from '../../../application/listing.ts';
import type { PostEntity } from './post-entity.ts';
import type { VisibilityPredicate } from './post-statements.ts';
import { likeSubstringPattern } from './user-list-sql.ts';

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
const SORT_EXPRESSIONS: Record<PostSortField | 'id', string> = {
  title: `"${POSTS_ALIAS}"."title" collate "C"`,
  createdAt: `"${POSTS_ALIAS}"."created_at"`,
  updatedAt: `"${POSTS_ALIAS}"."updated_at"`,
  id: `"${POSTS_ALIAS}"."id"`,
};

type OrderColumn = { sql: string; direction: SortDirection };

/** The query's sort keys, then id in the last key's direction: a total order. */
function orderColumns(sort: readonly PostSortKey[]): OrderColumn[] {
  const columns = sort.map(({ field, direction }) => ({ sql: SORT_EXPRESSIONS[field], direction }));
  return [...columns, { sql: SORT_EXPRESSIONS.id, direction: idDirection(sort) }];
}

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
  qb.orderBy(orderColumns(sort).map(({ sql, direction }) => ({ [raw(sql)]: direction })));
}

/**
 * Rows strictly after `after` in the query's order: one row comparison when every column runs the
 * same way (a matching composite index can range-scan it), the expanded OR chain otherwise; see
 * user-list-sql.ts.
 */
export function applyKeyset(qb: PostsQuery, sort: readonly PostSortKey[], after: KeysetPosition): void {
  const columns = orderColumns(sort);
  const values: unknown[] = [...after.values, after.id];
  const op = (direction: SortDirection) => (direction === 'asc' ? '>' : '<');
  const first = columns[0] as OrderColumn;
  if (columns.every(({ direction }) => direction === first.direction)) {
    const left = columns.map(({ sql }) => sql).join(', ');
    const right = columns.map(() => '?').join(', ');
    qb.andWhere(`(${left}) ${op(first.direction)} (${right})`, values);
    return;
  }
  const branches: string[] = [];
  const params: unknown[] = [];
  columns.forEach((column, i) => {
    const equalities = columns.slice(0, i).map(({ sql }) => `${sql} = ?`);
    branches.push(`(${[...equalities, `${column.sql} ${op(column.direction)} ?`].join(' and ')})`);
    params.push(...values.slice(0, i), values[i]);
  });
  qb.andWhere(`(${branches.join(' or ')})`, params);
}
