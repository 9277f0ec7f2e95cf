import { defineEntity, p } from '@mikro-orm/core';
import { UserEntity } from './user-entity.ts';

/**
 * The `refresh_tokens` table as MikroORM sees it, only so `db:migration:create` diffs against a
 * model that matches the migration (the source of truth) and does not propose dropping it. The
 * repository reads and writes it with plain SQL (refresh-token-statements.ts), never through this.
 */
export const RefreshTokenEntity = defineEntity({
  name: 'RefreshTokenRow',
  tableName: 'refresh_tokens',
  properties: {
    id: p.uuid().primary(),
    sessionId: p.uuid().index('refresh_tokens_session_id_index'),
    user: () => p.manyToOne(UserEntity).fieldName('user_id').deleteRule('cascade').index('refresh_tokens_user_id_index'),
    tokenHash: p.text().unique('refresh_tokens_token_hash_unique'),
    createdAt: p.datetime(3).columnType('timestamptz(3)'),
    expiresAt: p.datetime(3).columnType('timestamptz(3)').index('refresh_tokens_expires_at_index'),
    usedAt: p.datetime(3).columnType('timestamptz(3)').nullable(),
    revokedAt: p.datetime(3).columnType('timestamptz(3)').nullable(),
  },
});
