import type { User, UserId } from '../../src/domain/user.ts';
import { EmailInUseError } from '../../src/domain/errors.ts';
import type { UserPage, UserRepository } from '../../src/application/ports/user-repository.ts';
import type { UserListQuery, UserSortField } from '../../src/application/ports/user-list-query.ts';
import { comparator, foldCase, positionAsRow } from './in-memory-listing.ts';

/**
 * The in-process UserRepository for unit tests. It must order, filter and page exactly like the
 * MikroORM adapter on PostgreSQL: the contract suite runs against both. Text sorts by code point
 * (PostgreSQL's COLLATE "C"); search and email lookups fold case one code point at a time, as
 * PostgreSQL's lower() and ILIKE do (JavaScript's toLowerCase on a whole string applies
 * context rules, such as a word-final sigma, that PostgreSQL does not).
 */
export class InMemoryUserRepository implements UserRepository {
  readonly rows = new Map<UserId, User>();

  async findById(id: UserId): Promise<User | null> {
    return this.rows.get(id) ?? null;
  }

  async findByEmail(email: string): Promise<User | null> {
    // Like `lower(email) = lower(?)` in SQL: stored emails are normalised, but the lookup must not rely on it.
    const wanted = foldCase(email);
    for (const user of this.rows.values()) if (foldCase(user.email) === wanted) return user;
    return null;
  }

  async add(user: User): Promise<void> {
    // PostgreSQL refuses a second row with the same primary key; silently replacing it would hide the bug.
    if (this.rows.has(user.id)) throw new Error('A user with this id already exists');
    this.#assertEmailFree(user);
    this.rows.set(user.id, user);
  }

  async update(user: User, expectedVersion: number): Promise<boolean> {
    const current = this.rows.get(user.id);
    if (!current || current.version !== expectedVersion) return false;
    this.#assertEmailFree(user);
    this.rows.set(user.id, user);
    return true;
  }

  async remove(id: UserId, expectedVersion: number): Promise<boolean> {
    const current = this.rows.get(id);
    if (!current || current.version !== expectedVersion) return false;
    return this.rows.delete(id);
  }

  async list(query: UserListQuery): Promise<UserPage> {
    const matching = [...this.rows.values()].filter((user) => matches(user, query)).sort(comparator<UserSortField, User>(query.sort));
    if (query.after) {
      const after = query.after;
      const order = comparator<UserSortField, User>(query.sort);
      const rest = matching.filter((user) => order(user, positionAsRow<User>(after, query.sort)) > 0);
      return { items: rest.slice(0, query.limit) };
    }
    const offset = query.offset ?? 0;
    return { items: matching.slice(offset, offset + query.limit), total: matching.length };
  }

  #assertEmailFree(user: User): void {
    for (const other of this.rows.values()) {
      if (other.id !== user.id && foldCase(other.email) === foldCase(user.email)) throw new EmailInUseError();
    }
  }
}

function matches(user: User, query: UserListQuery): boolean {
  if (query.status && user.status !== query.status) return false;
  if (query.role && user.role !== query.role) return false;
  if (query.search) {
    const needle = foldCase(query.search);
    return foldCase(user.name).includes(needle) || (!query.searchNamesOnly && foldCase(user.email).includes(needle));
  }
  return true;
}
