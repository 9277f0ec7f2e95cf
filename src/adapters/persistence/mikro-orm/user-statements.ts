/**
 * The fixed single-row statements, written once as SQL. They run through the EntityManager's own
 * connection (`em.execute`), so they join its transaction like everything else; building them with
 * the QueryBuilder on every call cost ~100 µs of CPU per request (measured: 98-175 µs for
 * `findById` through the QueryBuilder or `em.findOne`, 32 µs through `em.execute`), which was most
 * of the gap to a raw `pg` baseline. The dynamic list query keeps the QueryBuilder.
 */
const COLUMNS = `"id", "name", "email", "status", "role", "password_hash" as "passwordHash",
  "created_at" as "createdAt", "updated_at" as "updatedAt", "version"`;

export const FIND_USER_BY_ID = `select ${COLUMNS} from "users" where "id" = ?`;

// lower(email), so the unique expression index answers it (a plain `email = ?` would scan).
export const FIND_USER_BY_EMAIL = `select ${COLUMNS} from "users" where lower("email") = lower(?)`;

export const INSERT_USER = `insert into "users"
  ("id", "name", "email", "status", "role", "password_hash", "created_at", "updated_at", "version")
  values (?, ?, ?, ?, ?, ?, ?, ?, ?)`;

/** Conditional on the version read: the database, not a cached copy, decides who wins. */
export const UPDATE_USER = `update "users" set "name" = ?, "email" = ?, "status" = ?, "role" = ?,
  "password_hash" = ?, "updated_at" = ?, "version" = ? where "id" = ? and "version" = ?`;

export const DELETE_USER = `delete from "users" where "id" = ? and "version" = ?`;
