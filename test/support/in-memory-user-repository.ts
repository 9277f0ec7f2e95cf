import type { User, UserId } from '../../src/domain/user.ts';
import { EmailInUseError } from '../../src/domain/user-errors.ts';
import type { UserPage, UserRepository } from '../../src/application/ports/user-repository.ts';
import { idDirection, type KeysetPosition, type SortKey, type UserListQuery } from '../../src/application/user-list.ts';

/**
 * The in-process UserRepository for unit tests. It must order, filter and page exactly like the
 * MikroORM adapter on PostgreSQL: the contract suite runs against both. Text sorts by code point
 * (PostgreSQL's COLLATE "C"), search lower-cases both sides like ILIKE.
 */
export class InMemoryUserRepository implements UserRepository {
  readonly rows = new Map<UserId, User>();

  async findById(id: UserId): Promise<User | null> {
    return this.rows.get(id) ?? null;
  }

  async findByEmail(email: string): Promise<User | null> {
    for (const user of this.rows.values()) if (user.email === email) return user;
    return null;
  }

  async add(user: User): Promise<void> {
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
    const matching = [...this.rows.values()].filter((user) => matches(user, query)).sort(comparator(query.sort));
    if (query.after) {
      const after = query.after;
      const order = comparator(query.sort);
      const rest = matching.filter((user) => order(user, positionAsUser(after, query.sort)) > 0);
      return { items: rest.slice(0, query.limit) };
    }
    const offset = query.offset ?? 0;
    return { items: matching.slice(offset, offset + query.limit), total: matching.length };
  }

  #assertEmailFree(user: User): void {
    for (const other of this.rows.values()) {
      if (other.id !== user.id && other.email.toLowerCase() === user.email.toLowerCase()) throw new EmailInUseError();
    }
  }
}

function matches(user: User, query: UserListQuery): boolean {
  if (query.status && user.status !== query.status) return false;
  if (query.role && user.role !== query.role) return false;
  if (query.search) {
    const needle = query.search.toLowerCase();
    return user.name.toLowerCase().includes(needle) || user.email.toLowerCase().includes(needle);
  }
  return true;
}

function compareValues(a: string | Date, b: string | Date): number {
  if (a instanceof Date && b instanceof Date) return a.getTime() - b.getTime();
  // Code-point order, like PostgreSQL's "C" collation (UTF-16 order differs only past U+FFFF).
  return a < b ? -1 : a > b ? 1 : 0;
}

function comparator(sort: readonly SortKey[]): (a: User, b: User) => number {
  const tieBreak = idDirection(sort) === 'desc' ? -1 : 1;
  return (a, b) => {
    for (const { field, direction } of sort) {
      const diff = compareValues(a[field], b[field]);
      if (diff !== 0) return direction === 'desc' ? -diff : diff;
    }
    return compareValues(a.id, b.id) * tieBreak;
  };
}

/** A stand-in user holding only the sort values and id of a keyset position, for comparison. */
function positionAsUser(position: KeysetPosition, sort: readonly SortKey[]): User {
  const fields = Object.fromEntries(sort.map(({ field }, i) => [field, position.values[i]]));
  return { ...fields, id: position.id } as unknown as User;
}
