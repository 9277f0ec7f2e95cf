import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import type { User, UserId, UserRole, UserStatus } from '../../../domain/user.ts';

/**
 * The `users` table as MikroORM sees it: a plain row type, mapped without decorators so the domain
 * stays free of ORM imports. The migration is the source of truth for the schema; the indexes and
 * checks are repeated here only so `db:migration:create` diffs against a model that matches it and
 * does not propose dropping them.
 */
export const UserEntity = defineEntity({
  name: 'UserRow',
  tableName: 'users',
  properties: {
    id: p.uuid().primary(),
    name: p.string().length(100),
    email: p.string().length(254),
    status: p.string().columnType('text').$type<UserStatus>(),
    role: p.string().columnType('text').$type<UserRole>(),
    passwordHash: p.text().nullable(),
    createdAt: p.datetime(3).columnType('timestamptz(3)'),
    updatedAt: p.datetime(3).columnType('timestamptz(3)'),
    version: p.integer(),
  },
  checks: [
    { name: 'users_status_check', expression: `status in ('active', 'inactive', 'suspended')` },
    { name: 'users_role_check', expression: `role in ('admin', 'member')` },
  ],
  indexes: [
    { name: 'users_created_at_id_index', expression: 'create index "users_created_at_id_index" on "users" ("created_at" desc, "id" desc)' },
    {
      name: 'users_active_created_at_id_index',
      expression: `create index "users_active_created_at_id_index" on "users" ("created_at" desc, "id" desc) where "status" = 'active'`,
    },
    {
      name: 'users_search_trgm_index',
      expression: 'create index "users_search_trgm_index" on "users" using gin ("name" gin_trgm_ops, "email" gin_trgm_ops)',
    },
  ],
  uniques: [
    {
      name: 'users_email_lower_unique',
      expression:
        'create unique index "users_email_lower_unique" on "users" (lower("email")) include ("email", "id", "status", "role", "password_hash")',
    },
  ],
});

export type UserRow = InferEntity<typeof UserEntity>;

/** Rows come back as plain objects keyed by property name (no entity instances, no identity map). */
export function toUser(row: UserRow): User {
  return {
    id: row.id as UserId,
    name: row.name,
    email: row.email,
    status: row.status,
    role: row.role,
    passwordHash: row.passwordHash ?? null,
    createdAt: new Date(row.createdAt),
    updatedAt: new Date(row.updatedAt),
    version: row.version,
  };
}

export function toRow(user: User): UserRow {
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    status: user.status,
    role: user.role,
    passwordHash: user.passwordHash,
    createdAt: user.createdAt,
    updatedAt: user.updatedAt,
    version: user.version,
  };
}
