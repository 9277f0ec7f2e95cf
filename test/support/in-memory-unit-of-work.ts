import type { Repositories, UnitOfWork } from '../../src/application/ports/unit-of-work.ts';
import type { UserRepository } from '../../src/application/ports/user-repository.ts';
import type { User, UserId } from '../../src/domain/user.ts';
import { InMemoryUserRepository } from './in-memory-user-repository.ts';

/**
 * Transactions over the in-memory repository: work runs against a copy of the rows that replaces
 * the committed ones only when the work succeeds, so a throw rolls back like PostgreSQL. As on
 * PostgreSQL, a failed statement aborts the transaction: every later call in it fails and it can
 * no longer commit, even if the work swallowed the error. Work is serialised, which is the
 * strongest isolation level, so tests see no interleavings.
 */
export class InMemoryUnitOfWork implements UnitOfWork {
  readonly users = new InMemoryUserRepository();
  #queue: Promise<unknown> = Promise.resolve();

  transaction<T>(work: (repos: Repositories) => Promise<T>): Promise<T> {
    const run = this.#queue.then(async () => {
      const draft = new InMemoryUserRepository();
      copyRows(this.users.rows, draft.rows);
      const transaction = abortingOnFailure(draft);
      const result = await work({ users: transaction.users });
      transaction.assertNotAborted();
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

const ABORTED = 'current transaction is aborted, commands ignored until end of transaction block';

/** Wraps a repository so that, after one of its calls fails, every later call (and the commit) fails too. */
function abortingOnFailure(repo: UserRepository): { users: UserRepository; assertNotAborted(): void } {
  let aborted = false;
  const assertNotAborted = () => {
    if (aborted) throw new Error(ABORTED);
  };
  const guard =
    <A extends unknown[], R>(call: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      assertNotAborted();
      try {
        return await call(...args);
      } catch (error) {
        aborted = true;
        throw error;
      }
    };
  const users: UserRepository = {
    findById: guard((id) => repo.findById(id)),
    findByEmail: guard((email) => repo.findByEmail(email)),
    add: guard((user) => repo.add(user)),
    update: guard((user, version) => repo.update(user, version)),
    remove: guard((id, version) => repo.remove(id, version)),
    list: guard((query) => repo.list(query)),
  };
  return { users, assertNotAborted };
}

function copyRows(from: Map<UserId, User>, to: Map<UserId, User>): void {
  for (const [id, user] of from) to.set(id, user);
}
