import { expect } from 'vitest';
import { parseSort, type KeysetPosition } from '../../src/application/ports/list-query.ts';
import { POST_SORT_FIELDS, type PostListQuery, type PostSortKey, type PostVisibility } from '../../src/application/ports/post-list-query.ts';
import type { PostPage } from '../../src/application/ports/post-repository.ts';
import type { UnitOfWork } from '../../src/application/ports/unit-of-work.ts';
import type { Post, PostId } from '../../src/domain/post.ts';
import type { User, UserId } from '../../src/domain/user.ts';
import { at, userId } from './user-fixtures.ts';

/** Hash-derived like user ids: stable, and in an order unrelated to insertion or creation time. */
export function postId(label: string | number): PostId {
  return userId(`post:${label}`) as string as PostId;
}

let serial = 0;

/** A post of `author`, published, created and updated at at(0), unless told otherwise. */
export function aPost(author: User | UserId, overrides: Partial<Post> & { label?: string } = {}): Post {
  const { label = `post-${++serial}`, ...fields } = overrides;
  return {
    id: postId(label),
    authorId: typeof author === 'string' ? author : author.id,
    title: `Title ${label}`,
    body: `Body of ${label}`,
    status: 'published',
    createdAt: at(0),
    updatedAt: at(0),
    version: 1,
    ...fields,
  };
}

export async function storePosts(uow: UnitOfWork, ...posts: Post[]): Promise<void> {
  await uow.transaction(async ({ posts: repo }) => {
    for (const post of posts) await repo.add(post);
  });
}

export const ALL_DRAFTS: PostVisibility = { allDrafts: true };
export const PUBLISHED_ONLY: PostVisibility = { allDrafts: false, draftsOf: null };
export const draftsOf = (author: User | UserId): PostVisibility => ({ allDrafts: false, draftsOf: typeof author === 'string' ? author : author.id });

export type PostListRequest = Partial<PostListQuery> & { sortBy?: string };

export const parsePostSort = (raw: string): PostSortKey[] => parseSort(raw, POST_SORT_FIELDS);

/** A list call with the use case's defaults (newest first, every draft visible) unless told otherwise. */
export function listPosts(uow: UnitOfWork, query: PostListRequest = {}): Promise<PostPage> {
  const { sortBy = '-createdAt', ...rest } = query;
  return uow.read(({ posts }) => posts.list({ visibility: ALL_DRAFTS, sort: parsePostSort(sortBy), limit: 100, ...rest }));
}

/** The keyset position of `post` in `sort`: what a cursor would carry. */
export function positionOfPost(post: Post, sort: readonly PostSortKey[]): KeysetPosition {
  return { values: sort.map(({ field }) => post[field]), id: post.id };
}

/** Every row of a listing, fetched `pageSize` at a time by keyset continuation. */
export async function walkPostsByKeyset(uow: UnitOfWork, query: PostListRequest & { sortBy: string }, pageSize: number): Promise<Post[]> {
  const sort = parsePostSort(query.sortBy);
  const seen: Post[] = [];
  let after: KeysetPosition | undefined;
  for (let guard = 0; guard < 1000; guard++) {
    const page = await listPosts(uow, { ...query, limit: pageSize, after });
    if (after) expect(page.total).toBeUndefined();
    seen.push(...page.items);
    const last = page.items[page.items.length - 1];
    if (page.items.length < pageSize || !last) return seen;
    after = positionOfPost(last, sort);
  }
  throw new Error('keyset walk did not end');
}

export const titles = (page: { items: Post[] } | Post[]): string[] => ('items' in page ? page.items : page).map((p) => p.title);
export const postIds = (posts: Post[]): string[] => posts.map((p) => p.id);
