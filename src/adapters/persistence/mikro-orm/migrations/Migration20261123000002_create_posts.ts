import { Migration } from '@mikro-orm/migrations';

/**
 * Posts. Drafts exist only for their author and admins, so most reads carry the visibility rule
 * `status = 'published' or author_id = :viewer`; the indexes below follow the queries the
 * repository really sends (test/integration/persistence/query-plans.test.ts holds them to it).
 */
export class Migration20261123000002_create_posts extends Migration {
  override name = 'Migration20261123000002_create_posts';

  override async up(): Promise<void> {
    // The cascade makes deleting a user delete its posts, in the same statement (API.md).
    // varchar(200) counts characters, like the domain's code-point count of a title.
    this.addSql(`create table "posts" (
      "id" uuid not null,
      "author_id" uuid not null,
      "title" varchar(200) not null,
      "body" text not null,
      "status" text not null,
      "created_at" timestamptz(3) not null,
      "updated_at" timestamptz(3) not null,
      "version" int not null,
      constraint "posts_pkey" primary key ("id"),
      constraint "posts_author_id_foreign" foreign key ("author_id") references "users" ("id") on delete cascade,
      constraint "posts_status_check" check ("status" in ('draft', 'published'))
    );`);
    // Serves a user's posts in date order (`authorId` filter, `GET /api/users/:id/posts`), each
    // lateral probe of `newestByAuthors` (`?include=posts`: newest first, limit per author), and the
    // foreign key's cascade on a user delete, which would otherwise scan the whole table.
    this.addSql('create index "posts_author_id_created_at_id_index" on "posts" ("author_id", "created_at" desc, "id" desc);');
    // Serves the default listing order (`-createdAt`, ties by id desc) for readers who see every
    // draft (admins), offset and keyset pages alike.
    this.addSql('create index "posts_created_at_id_index" on "posts" ("created_at" desc, "id" desc);');
    // Serves what most readers list: published posts only (`draftsOf: null`, or `status=published`),
    // in the default order.
    this.addSql(
      `create index "posts_published_created_at_id_index" on "posts" ("created_at" desc, "id" desc) where "status" = 'published';`,
    );
    // Serves `search`: `title ILIKE '%x%' OR body ILIKE '%x%'` (a bitmap OR over this one index).
    // pg_trgm was created by the users migration.
    this.addSql('create index "posts_search_trgm_index" on "posts" using gin ("title" gin_trgm_ops, "body" gin_trgm_ops);');
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists "posts";');
  }
}
