import type { PostRepository } from '../../src/application/ports/post-repository.ts';
import type { RefreshTokenRepository } from '../../src/application/ports/refresh-token-repository.ts';
import type { Repositories, UnitOfWork } from '../../src/application/ports/unit-of-work.ts';
import type { UserRepository } from '../../src/application/ports/user-repository.ts';
import type { UserId } from '../../src/domain/user.ts';
import type { EventOutbox } from '../../src/application/ports/event-outbox.ts';
import { InMemoryOutbox, InMemoryProcessedEvents } from './in-memory-outbox.ts';
import { InMemoryJobRepository } from './in-memory-job-repository.ts';
import type { JobRepository } from '../../src/application/ports/job-repository.ts';
import { InMemoryPostRepository } from './in-memory-post-repository.ts';
import { InMemoryPasswordResetTokenRepository } from './in-memory-password-reset-token-repository.ts';
import type { PasswordResetTokenRepository } from '../../src/application/ports/password-reset-token-repository.ts';
import { InMemoryRefreshTokenRepository } from './in-memory-refresh-token-repository.ts';
import { InMemoryUserRepository } from './in-memory-user-repository.ts';
import { InMemoryIdempotencyRecords } from './in-memory-idempotency-records.ts';
import type { IdempotencyRecords } from '../../src/application/ports/idempotency-records.ts';

/**
 * Transactions over the in-memory repositories: work runs against a copy of every table's rows,
 * which replaces the committed ones, all tables together, only when the work succeeds, so a throw
 * rolls back like PostgreSQL. As on PostgreSQL, a failed statement aborts the transaction: every
 * later call in it, through any repository, fails and it can no longer commit, even if the work
 * swallowed the error. Work is serialised, which is the strongest isolation level, so tests see
 * no interleavings.
 */
export class InMemoryUnitOfWork implements UnitOfWork {
  readonly #committed = tables();
  readonly users: InMemoryUserRepository = this.#committed.users;
  readonly refreshTokens: InMemoryRefreshTokenRepository = this.#committed.refreshTokens;
  readonly posts: InMemoryPostRepository = this.#committed.posts;
  /** The outbox table; also the relay's queue over it. */
  readonly outbox: InMemoryOutbox = this.#committed.outbox;
  readonly processedEvents: InMemoryProcessedEvents = this.#committed.processedEvents;
  readonly jobs: InMemoryJobRepository = this.#committed.jobs;
  readonly passwordResetTokens: InMemoryPasswordResetTokenRepository = this.#committed.passwordResetTokens;
  readonly idempotency: InMemoryIdempotencyRecords = this.#committed.idempotency;
  #queue: Promise<unknown> = Promise.resolve();

  transaction<T>(work: (repos: Repositories) => Promise<T>): Promise<T> {
    const run = this.#queue.then(async () => {
      const draft = tables();
      copyRows(this.users.rows, draft.users.rows);
      copyRows(this.refreshTokens.rows, draft.refreshTokens.rows);
      copyRows(this.posts.rows, draft.posts.rows);
      copyRows(this.processedEvents.rows, draft.processedEvents.rows);
      copyRows(this.jobs.rows, draft.jobs.rows);
      copyRows(this.passwordResetTokens.rows, draft.passwordResetTokens.rows);
      copyRows(this.idempotency.rows, draft.idempotency.rows);
      // The outbox is not copied: the relay removes rows outside any transaction meanwhile, and a
      // commit must not bring them back. The draft collects this transaction's events only.
      const transaction = abortingOnFailure(draft);
      const result = await work(transaction.repos);
      transaction.assertNotAborted();
      // The primary key: an event id already waiting fails the commit, as PostgreSQL would.
      for (const id of [...draft.outbox.rows.keys(), ...draft.outbox.jobRows.keys()]) if (this.outbox.rows.has(id) || this.outbox.jobRows.has(id)) throw new Error('duplicate key value violates unique constraint "outbox_pkey"');
      // Nothing awaits between these lines, so no reader sees one table committed and not another.
      replaceRows(this.users.rows, draft.users.rows);
      replaceRows(this.refreshTokens.rows, draft.refreshTokens.rows);
      replaceRows(this.posts.rows, draft.posts.rows);
      replaceRows(this.processedEvents.rows, draft.processedEvents.rows);
      replaceRows(this.jobs.rows, draft.jobs.rows);
      replaceRows(this.passwordResetTokens.rows, draft.passwordResetTokens.rows);
      replaceRows(this.idempotency.rows, draft.idempotency.rows);
      copyRows(draft.outbox.rows, this.outbox.rows);
      copyRows(draft.outbox.jobRows, this.outbox.jobRows);
      return result;
    });
    this.#queue = run.catch(() => undefined);
    return run;
  }

  read<T>(work: (repos: Repositories) => Promise<T>): Promise<T> {
    return work({ users: this.users, refreshTokens: this.refreshTokens, posts: this.posts, outbox: this.outbox, processedEvents: this.processedEvents, jobs: this.jobs, passwordResetTokens: this.passwordResetTokens, idempotency: this.idempotency });
  }
}

/**
 * Deleting a user also deletes its refresh tokens, its password-reset token and its posts, as the foreign keys'
 * `on delete cascade` do.
 * The cascade lives here, with the tables that the foreign key links, rather than in
 * InMemoryUserRepository, which stays a plain single-table fake usable on its own.
 */
class CascadingUserRepository extends InMemoryUserRepository {
  readonly #onRemove: (id: UserId) => void;

  constructor(onRemove: (id: UserId) => void) {
    super();
    this.#onRemove = onRemove;
  }

  override async remove(id: UserId, expectedVersion: number): Promise<boolean> {
    const removed = await super.remove(id, expectedVersion);
    if (removed) this.#onRemove(id);
    return removed;
  }
}

type Tables = {
  users: CascadingUserRepository;
  refreshTokens: InMemoryRefreshTokenRepository;
  posts: InMemoryPostRepository;
  outbox: InMemoryOutbox;
  processedEvents: InMemoryProcessedEvents;
  jobs: InMemoryJobRepository;
  passwordResetTokens: InMemoryPasswordResetTokenRepository;
  idempotency: InMemoryIdempotencyRecords;
};

/** One set of linked tables: each side of the foreign key sees the other's rows of the same set. */
function tables(): Tables {
  const users: CascadingUserRepository = new CascadingUserRepository((id) => {
    refreshTokens.removeOfUser(id);
    posts.removeOfAuthor(id);
    passwordResetTokens.removeOfUser(id);
  });
  const refreshTokens = new InMemoryRefreshTokenRepository((id) => users.rows.has(id));
  const posts = new InMemoryPostRepository((id) => users.rows.has(id));
  const passwordResetTokens = new InMemoryPasswordResetTokenRepository((id) => users.rows.has(id));
  return { users, refreshTokens, posts, outbox: new InMemoryOutbox(), processedEvents: new InMemoryProcessedEvents(), jobs: new InMemoryJobRepository(), passwordResetTokens, idempotency: new InMemoryIdempotencyRecords() };
}

const ABORTED = 'current transaction is aborted, commands ignored until end of transaction block';

/**
 * Wraps the repositories so that, after one call of any of them fails, every later call (and the
 * commit) fails too: one flag for the whole transaction, as PostgreSQL has one transaction state.
 */
function abortingOnFailure(repos: Repositories): { repos: Repositories; assertNotAborted(): void } {
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
  const { users: u, refreshTokens: t, posts: p, outbox: o, processedEvents: e, jobs: j, passwordResetTokens: r, idempotency: k } = repos;
  const users: UserRepository = {
    findById: guard((id) => u.findById(id)),
    findByEmail: guard((email) => u.findByEmail(email)),
    add: guard((user) => u.add(user)),
    update: guard((user, version) => u.update(user, version)),
    remove: guard((id, version) => u.remove(id, version)),
    list: guard((query) => u.list(query)),
  };
  const refreshTokens: RefreshTokenRepository = {
    add: guard((token) => t.add(token)),
    use: guard((hash, now) => t.use(hash, now)),
    sessionOf: guard((hash) => t.sessionOf(hash)),
    revokeSession: guard((session, now) => t.revokeSession(session, now)),
    revokeUserSessions: guard((userId, now, except) => t.revokeUserSessions(userId, now, except)),
    liveSessions: guard((userId, now) => t.liveSessions(userId, now)),
    isSessionRevoked: guard((sessionId) => t.isSessionRevoked(sessionId)),
    deleteExpiredBefore: guard((before, limit) => t.deleteExpiredBefore(before, limit)),
  };
  const posts: PostRepository = {
    findById: guard((id) => p.findById(id)),
    add: guard((post) => p.add(post)),
    update: guard((post, version) => p.update(post, version)),
    remove: guard((id, version) => p.remove(id, version)),
    list: guard((query) => p.list(query)),
    newestByAuthors: guard((authorIds, visibility, perAuthor) => p.newestByAuthors(authorIds, visibility, perAuthor)),
  };
  const outbox: EventOutbox = { add: guard((event) => o.add(event)), addJob: guard((job, queuedAt) => o.addJob(job, queuedAt)) };
  const processedEvents = {
    record: guard((consumer: string, eventId: string) => e.record(consumer, eventId)),
    deleteRecordedBefore: guard((before: Date, limit: number) => e.deleteRecordedBefore(before, limit)),
  };
  const jobs: JobRepository = {
    add: guard((job) => j.add(job)),
    findById: guard((id) => j.findById(id)),
    resultOf: guard((id) => j.resultOf(id)),
    claim: guard((ids, now, leaseUntil) => j.claim(ids, now, leaseUntil)),
    extendLease: guard((run, leaseUntil) => j.extendLease(run, leaseUntil)),
    finish: guard((ends, now) => j.finish(ends, now)),
    countUnfinished: guard((ownerId, type) => j.countUnfinished(ownerId, type)),
    deleteFinishedBefore: guard((status, before, limit) => j.deleteFinishedBefore(status, before, limit)),
    unfinished: guard((limit) => j.unfinished(limit)),
    overdue: guard((before, limit) => j.overdue(before, limit)),
  };
  const passwordResetTokens: PasswordResetTokenRepository = {
    replace: guard((token) => r.replace(token)),
    holderOf: guard((hash, now) => r.holderOf(hash, now)),
    consume: guard((hash, now) => r.consume(hash, now)),
    deleteExpiredBefore: guard((before, limit) => r.deleteExpiredBefore(before, limit)),
  };
  const idempotency: IdempotencyRecords = {
    claim: guard((request) => k.claim(request)),
    complete: guard((scope, token, answer) => k.complete(scope, token, answer)),
    release: guard((scope, token) => k.release(scope, token)),
    deleteExpiredBefore: guard((before, limit) => k.deleteExpiredBefore(before, limit)),
  };
  return { repos: { users, refreshTokens, posts, outbox, processedEvents, jobs, passwordResetTokens, idempotency }, assertNotAborted };
}

function copyRows<K, V>(from: Map<K, V>, to: Map<K, V>): void {
  for (const [key, row] of from) to.set(key, row);
}

/** Clears and refills in place: the linked repositories hold these very maps. */
function replaceRows<K, V>(target: Map<K, V>, source: Map<K, V>): void {
  target.clear();
  copyRows(source, target);
}
