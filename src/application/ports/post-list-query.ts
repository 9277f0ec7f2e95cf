import type { PostStatus } from '../../domain/post.ts';
import type { UserId } from '../../domain/user.ts';
import type { KeysetPosition, SortDirection } from './list-query.ts';

export const POST_SORT_FIELDS = ['title', 'createdAt', 'updatedAt'] as const;
export type PostSortField = (typeof POST_SORT_FIELDS)[number];
export type PostSortKey = Readonly<{ field: PostSortField; direction: SortDirection }>;

export const DEFAULT_POST_SORT = '-createdAt';

/**
 * Which drafts a reader may see: every one (`all`, admins), or only those of `authorId` (their own).
 * Published posts are always visible. Repositories apply it as a filter, so a hidden draft is
 * absent from pages and totals alike.
 */
export type PostVisibility = Readonly<{ allDrafts: true }> | Readonly<{ allDrafts: false; draftsOf: UserId | null }>;

export type PostFilters = Readonly<{
  authorId?: UserId;
  status?: PostStatus;
  /** Case-insensitive substring of title or body; `%`, `_` and `\` match themselves. */
  search?: string;
}>;

/** What a repository lists: as for users, `sort` then `id` in the last key's direction. */
export type PostListQuery = PostFilters &
  Readonly<{
    visibility: PostVisibility;
    sort: readonly PostSortKey[];
    limit: number;
    /** Offset paging: how many rows to skip. Ignored when `after` is set. */
    offset?: number;
    /** Keyset paging: continue strictly after this position (its `id` is a post id). */
    after?: KeysetPosition;
  }>;
