import { UserEntity } from './user-entity.ts';
import { RefreshTokenEntity } from './refresh-token-entity.ts';
import { OutboxEntity, ProcessedEventEntity } from './outbox-entity.ts';
import { JobEntity } from './job-entity.ts';
import { RowCountEntity } from './row-count-entity.ts';
import { PostEntity } from './post-entity.ts';
import { PasswordResetTokenEntity } from './password-reset-token-entity.ts';
import { IdempotencyKeyEntity } from './idempotency-key-entity.ts';

/** Every entity, for the ORM of each runtime and for the compile step that pre-builds their functions. */
export const ENTITIES = [UserEntity, RefreshTokenEntity, PostEntity, RowCountEntity, OutboxEntity, ProcessedEventEntity, JobEntity, PasswordResetTokenEntity, IdempotencyKeyEntity];
