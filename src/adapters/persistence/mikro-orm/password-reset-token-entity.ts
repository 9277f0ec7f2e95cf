import { defineEntity, p } from '@mikro-orm/core';
import { UserEntity } from './user-entity.ts';

/**
 * "password_reset_tokens" as MikroORM sees it, only so the schema diff matches its migration; the
 * repository reads and writes it with plain SQL (password-reset-token-statements.ts).
 */
export const PasswordResetTokenEntity = defineEntity({
  name: 'PasswordResetTokenRow',
  tableName: 'password_reset_tokens',
  properties: {
    // A primary key that is also a foreign key gets `on update cascade` by default; the migration has none.
    user: () => p.oneToOne(UserEntity).primary().owner().fieldName('user_id').deleteRule('cascade').updateRule('no action'),
    tokenHash: p.text().unique('password_reset_tokens_token_hash_unique'),
    createdAt: p.datetime(3).columnType('timestamptz(3)'),
    expiresAt: p.datetime(3).columnType('timestamptz(3)').index('password_reset_tokens_expires_at_index'),
    usedAt: p.datetime(3).columnType('timestamptz(3)').nullable(),
  },
});
