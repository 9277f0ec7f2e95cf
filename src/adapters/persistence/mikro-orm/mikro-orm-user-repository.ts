import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/postgresql';
import type { UserPage, UserRepository } from '../../../application/ports/user-repository.ts';
import type { UserListQuery } from '../../../application/user-list.ts';
import type { User, UserId } from '../../../domain/user.ts';
import { EmailInUseError } from '../../../domain/user-errors.ts';
import { toRow, toUser, UserEntity, type UserRow } from './user-entity.ts';
import { applyFilters, applyKeyset, applyOrder, USERS_ALIAS } from './user-list-sql.ts';

/** The one index that makes emails unique; any other unique violation is not an email conflict. */
const EMAIL_UNIQUE_INDEX = 'users_email_lower_unique';

/**
 * UserRepository on one EntityManager fork (transactional or not). Reads go through the
 * QueryBuilder and come back as plain rows, and writes are native conditional statements, so
 * nothing sits in the identity map to go stale: `update ... where id = ? and version = ?` is
 * decided by the database, not by what this fork happened to load earlier.
 */
export class MikroOrmUserRepository implements UserRepository {
  readonly #em: SqlEntityManager;

  constructor(em: SqlEntityManager) {
    this.#em = em;
  }

  async findById(id: UserId): Promise<User | null> {
    const row = await this.#select().where({ id }).execute<UserRow | undefined>('get');
    return row ? toUser(row) : null;
  }

  async findByEmail(email: string): Promise<User | null> {
    // lower(email) so the unique expression index answers it (a plain `email = ?` would scan).
    const row = await this.#select()
      .where(`lower("${USERS_ALIAS}"."email") = lower(?)`, [email])
      .execute<UserRow | undefined>('get');
    return row ? toUser(row) : null;
  }

  async add(user: User): Promise<void> {
    await this.#conflictChecked((em) => em.insert(UserEntity, toRow(user)));
  }

  async update(user: User, expectedVersion: number): Promise<boolean> {
    const { id, ...changes } = toRow(user);
    const updated = await this.#conflictChecked((em) =>
      em.nativeUpdate(UserEntity, { id, version: expectedVersion }, changes),
    );
    return updated === 1;
  }

  async remove(id: UserId, expectedVersion: number): Promise<boolean> {
    return (await this.#em.nativeDelete(UserEntity, { id, version: expectedVersion })) === 1;
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
    const counting = this.#em.createQueryBuilder(UserEntity, USERS_ALIAS);
    applyFilters(counting, query);
    const [rows, total] = await Promise.all([
      page.limit(query.limit, query.offset ?? 0).execute<UserRow[]>('all'),
      counting.getCount(),
    ]);
    return { items: rows.map(toUser), total };
  }

  #select() {
    return this.#em.createQueryBuilder(UserEntity, USERS_ALIAS).select('*');
  }

  /**
   * Runs a write in a savepoint (a transaction of its own when there is none) and turns an email
   * conflict into EmailInUseError. The savepoint is what keeps the caller's transaction usable
   * after the conflict, as with the in-memory adapter: PostgreSQL otherwise aborts the whole
   * transaction on the first failed statement.
   */
  async #conflictChecked<T>(write: (em: SqlEntityManager) => Promise<T>): Promise<T> {
    try {
      return await this.#em.transactional(write, { propagation: 'nested' });
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) {
        if ((error as { constraint?: string }).constraint === EMAIL_UNIQUE_INDEX) throw new EmailInUseError();
        // Only a reused id is left; that is a programming error, and the driver's text stays inside.
        throw new Error('A user with this id already exists');
      }
      throw error;
    }
  }
}
