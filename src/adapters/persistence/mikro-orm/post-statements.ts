/**
 * The fixed post statements, written once as SQL and run through the EntityManager fork
 * (`em.execute`) so they join its transaction; see user-statements.ts for why not the QueryBuilder.
 */
const COLUMNS = `"id", "author_id" as "authorId", "title", "body", "status",
  "created_at" as "createdAt", "updated_at" as "updatedAt", "version"`;

export const FIND_POST_BY_ID = `select ${COLUMNS} from "posts" where "id" = ?`;

/** The foreign key refuses an unknown author in this same statement. */
export const INSERT_POST = `insert into "posts"
  ("id", "author_id", "title", "body", "status", "created_at", "updated_at", "version")
  values (?, ?, ?, ?, ?, ?, ?, ?)`;

/**
 * Conditional on the version read: the database, not a cached copy, decides who wins. The author
 * and the creation time are never rewritten: a post keeps those it was added with.
 */
export const UPDATE_POST = `update "posts" set "title" = ?, "body" = ?, "status" = ?, "updated_at" = ?, "version" = ?
  where "id" = ? and "version" = ?`;

export const DELETE_POST = `delete from "posts" where "id" = ? and "version" = ?`;

/** A reader's own drafts, for a list's total: bounded by the (author_id, ...) index. */
export const COUNT_DRAFTS_OF_AUTHOR = `select count(*) as "n" from "posts" where "author_id" = ? and "status" = 'draft'`;

/** The drafts rule as SQL on the rows of one table reference (see post-list-sql.ts). */
export type VisibilityPredicate = Readonly<{ sql: string; params: readonly unknown[] }>;

/**
 * Each author's newest visible posts in one statement: for each author a probe of the
 * ("author_id", "created_at" desc, "id" desc) index that stops after `limit` rows, however many
 * posts that author has. The authors travel as ONE parameter, a PostgreSQL array literal
 * (`'{id,id}'::uuid[]`): MikroORM inlines parameters into the text (it does not bind them) and
 * expands a JavaScript array into a comma-separated list, which `?::uuid[]` cannot take. `with
 * ordinality` keeps the authors in the order asked; the outer sort only orders the few rows found.
 * Params: the array literal, then the visibility's, then the per-author limit.
 */
export function newestPostsByAuthors(visible: VisibilityPredicate): string {
  return `select "p".*
  from unnest(?::uuid[]) with ordinality as "a"("author", "n")
  cross join lateral (
    select ${COLUMNS} from "posts"
    where "posts"."author_id" = "a"."author" and ${visible.sql}
    order by "created_at" desc, "id" desc
    limit ?
  ) as "p"
  order by "a"."n", "p"."createdAt" desc, "p"."id" desc`;
}

/** A PostgreSQL array literal of uuids, for `?::uuid[]`; ids are uuids, so nothing in them needs quoting. */
export function uuidArrayLiteral(ids: readonly string[]): string {
  return `{${ids.join(',')}}`;
}
