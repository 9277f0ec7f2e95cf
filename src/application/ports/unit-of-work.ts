import type { EventOutbox } from './event-outbox.ts';
import type { IdempotencyRecords } from './idempotency-records.ts';
import type { JobRepository } from './job-repository.ts';
import type { PasswordResetTokenRepository } from './password-reset-token-repository.ts';
import type { PostRepository } from './post-repository.ts';
import type { ProcessedEvents } from './processed-events.ts';
import type { RefreshTokenRepository } from './refresh-token-repository.ts';
import type { UserRepository } from './user-repository.ts';

/** The repositories of one transaction. */
export type Repositories = {
  users: UserRepository;
  refreshTokens: RefreshTokenRepository;
  posts: PostRepository;
  /** The events of this transaction's change: committed with it, published after (see EventOutbox). */
  outbox: EventOutbox;
  /** Event ids each consumer has handled (see idempotent-consumer.ts). */
  processedEvents: ProcessedEvents;
  /** Background jobs and their state (see JobScheduler, JobRunner). */
  jobs: JobRepository;
  /** At most one per user (see PasswordResetTokenRepository). */
  passwordResetTokens: PasswordResetTokenRepository;
  /** Idempotency-Key claims and the answers kept for them (see IdempotentCreation). */
  idempotency: IdempotencyRecords;
};

/**
 * Runs `work` in one transaction with repositories bound to it: everything commits together,
 * or nothing does when `work` throws. Read-only use cases may call `read` to skip the transaction,
 * and so may work made of single statements that are atomic on their own (the job
 * runner's conditional writes): each commits by itself.
 */
export interface UnitOfWork {
  transaction<T>(work: (repos: Repositories) => Promise<T>): Promise<T>;
  read<T>(work: (repos: Repositories) => Promise<T>): Promise<T>;
}
