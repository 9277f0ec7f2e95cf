import type { User, UserId } from '../../domain/user.ts';
import type { UserListQuery } from './user-list-query.ts';

export type UserPage = {
  items: User[];
  /** Exact count of every user matching the filters; only for offset pages. */
  total?: number;
};

/**
 * Persistence of users. Implementations must agree on every behaviour the contract suite
 * (test/contract/user-repository.contract.ts) pins down: ordering, search escaping, conflicts.
 */
export interface UserRepository {
  findById(id: UserId): Promise<User | null>;
  /** `email` is already normalised (trimmed, lower-cased). */
  findByEmail(email: string): Promise<User | null>;
  /** Throws EmailInUseError when the email is taken (case-insensitively). */
  add(user: User): Promise<void>;
  /**
   * Stores `user` if the stored row still has `expectedVersion`; returns false when it does not
   * (changed or deleted meanwhile). Throws EmailInUseError when the new email is taken.
   */
  update(user: User, expectedVersion: number): Promise<boolean>;
  /** Deletes if the stored row still has `expectedVersion`; false when it does not. */
  remove(id: UserId, expectedVersion: number): Promise<boolean>;
  /**
   * One page in the query's order. Offset pages (`query.after` undefined) also count `total`;
   * keyset pages (`query.after` set) return the `limit` users strictly after that position.
   */
  list(query: UserListQuery): Promise<UserPage>;
}
