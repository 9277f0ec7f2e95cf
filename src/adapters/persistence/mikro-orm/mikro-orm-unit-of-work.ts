import type { Repositories, UnitOfWork } from '../../../application/ports/unit-of-work.ts';
import type { SqlOrm } from './orm.ts';
import { MikroOrmUserRepository } from './mikro-orm-user-repository.ts';

/**
 * One EntityManager fork per call, never the global one: `transaction` wraps the fork in
 * `em.transactional` (commit on success, rollback on a throw) and binds the repositories to it;
 * `read` uses a plain fork and autocommit statements.
 */
export class MikroOrmUnitOfWork implements UnitOfWork {
  readonly #orm: SqlOrm;

  constructor(orm: SqlOrm) {
    this.#orm = orm;
  }

  transaction<T>(work: (repos: Repositories) => Promise<T>): Promise<T> {
    return this.#orm.em.fork().transactional((em) => work(repositories(em)));
  }

  read<T>(work: (repos: Repositories) => Promise<T>): Promise<T> {
    return work(repositories(this.#orm.em.fork()));
  }
}

function repositories(em: SqlOrm['em']): Repositories {
  return { users: new MikroOrmUserRepository(em) };
}
