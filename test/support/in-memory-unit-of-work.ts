import type { Repositories, UnitOfWork } from '../../src/application/ports/unit-of-work.ts';
import type { User, UserId } from '../../src/domain/user.ts';
import { InMemoryUserRepository } from './in-memory-user-repository.ts';

/**
 * Transactions over the in-memory repository: work runs against a copy of the rows that replaces
 * the committed ones only when the work succeeds, so a throw rolls back like PostgreSQL. Work is
 * serialised, which is the strongest isolation level, so tests see no interleavings.
 */
export class InMemoryUnitOfWork implements UnitOfWork {
  readonly users = new InMemoryUserRepository();
  #queue: Promise<unknown> = Promise.resolve();

  transaction<T>(work: (repos: Repositories) => Promise<T>): Promise<T> {
    const run = this.#queue.then(async () => {
      const draft = new InMemoryUserRepository();
      copyRows(this.users.rows, draft.rows);
      const result = await work({ users: draft });
      this.users.rows.clear();
      copyRows(draft.rows, this.users.rows);
      return result;
    });
    this.#queue = run.catch(() => undefined);
    return run;
  }

  read<T>(work: (repos: Repositories) => Promise<T>): Promise<T> {
    return work({ users: this.users });
  }
}

function copyRows(from: Map<UserId, User>, to: Map<UserId, User>): void {
  for (const [id, user] of from) to.set(id, user);
}
