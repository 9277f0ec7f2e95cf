import { defineEntity, p } from '@mikro-orm/core';
import type { Post, PostId, PostStatus } from '../../../domain/post.ts';
import type { UserId } from '../../../domain/user.ts';
import { UserEntity } from './user-entity.ts';

/**
 * The `posts` table as MikroORM sees it, only so `db:migration:create` diffs against a model that
 * matches the migration (the source of truth) and does not propose dropping it or its indexes.
 * The repository reads and writes it with plain SQL (post-statements.ts) and the QueryBuilder
 * (post-list-sql.ts), never through entity instances.
 */
export const PostEntity = defineEntity({
  name: 'PostRow',
  tableName: 'posts',
  properties: {
    id: p.uuid().primary(),
    // No index of its own: the composite (author_id, created_at, id) index leads with it and serves the cascade.
    author: () => p.manyToOne(UserEntity).fieldName('author_id').deleteRule('cascade'),
    title: p.string().length(200),
    body: p.text(),
    status: p.string().columnType('text').$type<PostStatus>(),
    createdAt: p.datetime(3).columnType('timestamptz(3)'),
    updatedAt: p.datetime(3).columnType('timestamptz(3)'),
    version: p.integer(),
  },
  checks: [{ name: 'posts_status_check', expression: `status in ('draft', 'published')` }],
  indexes: [
    {
      name: 'posts_author_id_created_at_id_index',
      expression: 'create index "posts_author_id_created_at_id_index" on "posts" ("author_id", "created_at" desc, "id" desc)',
    },
    { name: 'posts_created_at_id_index', expression: 'create index "posts_created_at_id_index" on "posts" ("created_at" desc, "id" desc)' },
    {
      name: 'posts_published_created_at_id_index',
      expression: `create index "posts_published_created_at_id_index" on "posts" ("created_at" desc, "id" desc) where "status" = 'published'`,
    },
    {
      name: 'posts_search_trgm_index',
      expression: 'create index "posts_search_trgm_index" on "posts" using gin ("title" gin_trgm_ops, "body" gin_trgm_ops)',
    },
  ],
});

/**
 * A post as the statements select it (post-statements.ts, post-list-sql.ts): columns aliased to
 * property names, no entity instance, no identity map. Timestamps arrive as text from PostgreSQL
 * (MikroORM keeps the driver from parsing them) but as Date objects from PGlite.
 */
export type PostRow = {
  id: string;
  authorId: string;
  title: string;
  body: string;
  status: PostStatus;
  createdAt: Date | string;
  updatedAt: Date | string;
  version: number;
};

export function toPost(row: PostRow): Post {
  return {
    id: row.id as PostId,
    authorId: row.authorId as UserId,
    title: row.title,
    body: row.body,
    status: row.status,
    createdAt: new Date(row.createdAt),
    updatedAt: new Date(row.updatedAt),
    version: row.version,
  };
}
