import type { Repositories, UnitOfWork } from '../../../application/ports/unit-of-work.ts';
import type { SqlOrm } from './orm.ts';
import { DatabaseError, withoutSqlInErrors } from './database-error.ts';
import { MikroOrmEventOutbox, MikroOrmProcessedEvents } from './mikro-orm-outbox.ts';
import { MikroOrmIdempotencyRecords } from './mikro-orm-idempotency-records.ts';
import { MikroOrmJobRepository } from './mikro-orm-job-repository.ts';
import { MikroOrmPasswordResetTokenRepository } from './mikro-orm-password-reset-token-repository.ts';
import { MikroOrmPostRepository } from './mikro-orm-post-repository.ts';
import { MikroOrmRefreshTokenRepository } from './mikro-orm-refresh-token-repository.ts';
import { MikroOrmUserRepository } from './mikro-orm-user-repository.ts';

/**
 * One EntityManager fork per call, never the global one: `transaction` wraps the fork in
 * `em.transactional` (commit on success, rollback on a throw) and binds the repositories to it;
 * `read` uses a plain fork and autocommit statements. A driver exception leaves as a DatabaseError,
 * without the SQL text (and the values inlined in it) that MikroORM puts in its messages.
 */
const DEADLOCK_ATTEMPTS = 3;
const DEADLOCK = '40P01';

export class MikroOrmUnitOfWork implements UnitOfWork {
  readonly #orm: SqlOrm;
  readonly #onEventsCommitted: (() => void) | undefined;

  /** `onEventsCommitted`: called after each commit that added events to the outbox (to nudge the relay). */
  constructor(orm: SqlOrm, onEventsCommitted?: () => void) {
    this.#orm = orm;
    this.#onEventsCommitted = onEventsCommitted;
  }

  /**
   * A deadlock victim's transaction was rolled back whole, so running the work again is safe, and
   * the retry usually finds the other transaction gone (see the row counters' migration).
   */
  async transaction<T>(work: (repos: Repositories) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        const recorded = { events: 0 };
        const result = await withoutSqlInErrors(() => this.#orm.em.fork().transactional((em) => work(repositories(em, recorded))));
        if (recorded.events > 0) this.#onEventsCommitted?.();
        return result;
      } catch (error) {
        if (!(error instanceof DatabaseError && error.sqlState === DEADLOCK) || attempt >= DEADLOCK_ATTEMPTS) throw error;
      }
    }
  }

  read<T>(work: (repos: Repositories) => Promise<T>): Promise<T> {
    return withoutSqlInErrors(() => work(repositories(this.#orm.em.fork())));
  }
}

function repositories(em: SqlOrm['em'], recorded = { events: 0 }): Repositories {
  return {
    users: new MikroOrmUserRepository(em),
    refreshTokens: new MikroOrmRefreshTokenRepository(em),
    posts: new MikroOrmPostRepository(em),
    outbox: new MikroOrmEventOutbox(em, () => recorded.events++),
    processedEvents: new MikroOrmProcessedEvents(em),
    jobs: new MikroOrmJobRepository(em),
    passwordResetTokens: new MikroOrmPasswordResetTokenRepository(em),
    idempotency: new MikroOrmIdempotencyRecords(em),
  };
}
