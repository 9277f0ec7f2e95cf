import type { Repositories, UnitOfWork } from '../../../application/ports/unit-of-work.ts';
import type { SqlOrm } from './orm.ts';
import { withoutSqlInErrors } from './database-error.ts';
import { MikroOrmRefreshTokenRepository } from './mikro-orm-refresh-token-repository.ts';
import { MikroOrmUserRepository } from './mikro-orm-user-repository.ts';

/**
 * One EntityManager fork per call, never the global one: `transaction` wraps the fork in
 * `em.transactional` (commit on success, rollback on a throw) and binds the repositories to it;
 * `read` uses a plain fork and autocommit statements. A driver exception leaves as a DatabaseError,
 * without the SQL text (and the values inlined in it) that MikroORM puts in its messages.
 */
export class MikroOrmUnitOfWork implements UnitOfWork {
  readonly #orm: SqlOrm;

  constructor(orm: SqlOrm) {
    this.#orm = orm;
  }

  transaction<T>(work: (repos: Repositories) => Promise<T>): Promise<T> {
    return withoutSqlInErrors(() => this.#orm.em.fork().transactional((em) => work(repositories(em))));
  }

  read<T>(work: (repos: Repositories) => Promise<T>): Promise<T> {
    return withoutSqlInErrors(() => work(repositories(this.#orm.em.fork())));
  }
}

function repositories(em: SqlOrm['em']): Repositories {
  return { users: new MikroOrmUserRepository(em), refreshTokens: new MikroOrmRefreshTokenRepository(em) };
}
