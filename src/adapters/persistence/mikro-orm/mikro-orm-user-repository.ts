import { raw, UniqueConstraintViolationException, type QueryResult } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/postgresql';
import type { UserPage, UserRepository } from '../../../application/ports/user-repository.ts';
import type { UserListQuery } from '../../../application/ports/user-list-query.ts';
import type { User, UserId } from '../../../domain/user.ts';
import { EmailInUseError } from '../../../domain/errors.ts';
import { toRow, toUser, UserEntity, type UserRow } from './user-entity.ts';
import { DELETE_USER, FIND_USER_BY_EMAIL, FIND_USER_BY_ID, INSERT_USER, UPDATE_USER } from './user-statements.ts';
import { applyFilters, applyKeyset, applyOrder, USERS_ALIAS } from './user-list-sql.ts';
import { countedRows, userCounterKey } from './row-counts.ts';

/** The window count a searched page carries on each row; not a column of users. */
const TOTAL_COLUMN = '__total_matches';

/** The one index that makes emails unique; any other unique violation is not an email conflict. */
const EMAIL_UNIQUE_INDEX = 'users_email_lower_unique';

/**
 * UserRepository on one EntityManager fork (transactional or not). Single-row statements are
 * fixed SQL run through the fork (see user-statements.ts for why); the list is built with the
 * QueryBuilder. Everything comes back as plain rows and writes are conditional statements, so no
 * identity map sits in between to go stale: `... where id = ? and version = ?` is decided by the
 * database, not by what this fork happened to load earlier.
 */
export class MikroOrmUserRepository implements UserRepository {
  readonly #em: SqlEntityManager;

  constructor(em: SqlEntityManager) {
    this.#em = em;
  }

  async findById(id: UserId): Promise<User | null> {
    const row = (await this.#em.execute<UserRow>(FIND_USER_BY_ID, [id], 'get')) as UserRow | undefined;
    return row ? toUser(row) : null;
  }

  async findByEmail(email: string): Promise<User | null> {
    const row = (await this.#em.execute<UserRow>(FIND_USER_BY_EMAIL, [email], 'get')) as UserRow | undefined;
    return row ? toUser(row) : null;
  }

  async add(user: User): Promise<void> {
    const r = toRow(user);
    await this.#conflictChecked(INSERT_USER, [r.id, r.name, r.email, r.status, r.role, r.passwordHash, r.createdAt, r.updatedAt, r.version]);
  }

  async update(user: User, expectedVersion: number): Promise<boolean> {
    const r = toRow(user);
    const params = [r.name, r.email, r.status, r.role, r.passwordHash, r.updatedAt, r.version, r.id, expectedVersion];
    return (await this.#conflictChecked(UPDATE_USER, params)) === 1;
  }

  async remove(id: UserId, expectedVersion: number): Promise<boolean> {
    const result = await this.#em.execute<QueryResult>(DELETE_USER, [id, expectedVersion], 'run');
    return result.affectedRows === 1;
  }

  async list(query: UserListQuery): Promise<UserPage> {
    const page = this.#select();
    applyFilters(page, query);
    applyOrder(page, query.sort);
    if (query.after) {
      applyKeyset(page, query.sort, query.after);
      const rows = await page.limit(query.limit).execute<UserRow[]>('all');
      return { items: rows.map(toUser) };
    }
    const offset = query.offset ?? 0;
    const key = userCounterKey(query);
    if (key === null) {
      // A search has no counter: its total comes with the page, `count(*) over ()` on the rows the
      // trigram index found, in one scan (a separate count ran the same bitmap scan a second time:
      // docs/benchmarks.md). A page past the end holds no row to carry it, so it is counted apart.
      page.addSelect(raw(`count(*) over () as "${TOTAL_COLUMN}"`));
      const rows = await page.limit(query.limit, offset).execute<(UserRow & Record<typeof TOTAL_COLUMN, string | number>)[]>('all');
      const total = rows[0] ? Number(rows[0][TOTAL_COLUMN]) : offset === 0 ? 0 : await this.#counted(query);
      return { items: rows.map(toUser), total };
    }
    const [rows, total] = await Promise.all([page.limit(query.limit, offset).execute<UserRow[]>('all'), countedRows(this.#em, key)]);
    return { items: rows.map(toUser), total };
  }

  /** A search's matches counted for real, bounded by the rows the trigram index finds (filters alone use the counters). */
  async #counted(query: UserListQuery): Promise<number> {
    const counting = this.#em.createQueryBuilder(UserEntity, USERS_ALIAS);
    applyFilters(counting, query);
    return counting.getCount();
  }

  #select() {
    return this.#em.createQueryBuilder(UserEntity, USERS_ALIAS).select('*');
  }

  /**
   * Runs one write and turns an email conflict into EmailInUseError; returns the rows affected.
   * No savepoint: as on PostgreSQL itself, a failed statement aborts the surrounding transaction
   * (the contract suite pins the in-memory adapter to the same), and no use case goes on after a
   * conflict anyway; a savepoint would cost two more round trips on every write.
   */
  async #conflictChecked(sql: string, params: unknown[]): Promise<number> {
    try {
      return (await this.#em.execute<QueryResult>(sql, params, 'run')).affectedRows;
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) {
        if ((error as { constraint?: string }).constraint === EMAIL_UNIQUE_INDEX) throw new EmailInUseError();
        // Only a reused id is left; that is a programming error, and the driver's text stays inside.
        throw new Error('A user with this id already exists', { cause: error });
      }
      throw error;
    }
  }
}
