import { ValidationError, UserNotFoundError } from '../../domain/errors.ts';
import type { Post, PostStatus } from '../../domain/post.ts';
import { parseUserId, type UserId } from '../../domain/user.ts';
import { requirePermission, type Actor } from '../shared/actor.ts';
import { checkedSearch, Paginator, type ListResult, type PageRequest } from '../shared/paging.ts';
import { parseSort } from '../ports/list-query.ts';
import { visibilityFor } from './post-access.ts';
import { DEFAULT_POST_SORT, POST_SORT_FIELDS, type PostFilters, type PostSortField } from '../ports/post-list-query.ts';
import type { CursorCodec } from '../ports/cursor-codec.ts';
import type { UnitOfWork } from '../ports/unit-of-work.ts';

export type ListPostsInput = PageRequest & { authorId?: string; status?: PostStatus; search?: string; sort?: string };

/**
 * GET /api/posts and GET /api/users/:id/posts: the users' listing rules, with drafts filtered by
 * visibility in the query itself, so a hidden draft is absent from pages and totals alike.
 */
export class ListPosts {
  readonly #uow: UnitOfWork;
  readonly #pager: Paginator;

  constructor(deps: { uow: UnitOfWork; cursors: CursorCodec }) {
    this.#uow = deps.uow;
    this.#pager = new Paginator(deps.cursors);
  }

  async execute(input: ListPostsInput, actor: Actor): Promise<ListResult<Post>> {
    requirePermission(actor, 'posts:read');
    return this.#list(input, actor, authorFilter(input.authorId));
  }

  /** The posts of one user, who must exist (404 `User not found` otherwise). */
  async ofUser(input: ListPostsInput & { userId: UserId }, actor: Actor): Promise<ListResult<Post>> {
    requirePermission(actor, 'posts:read');
    const { userId } = input;
    if (!(await this.#uow.read((repos) => repos.users.findById(userId)))) throw new UserNotFoundError();
    return this.#list(input, actor, userId);
  }

  #list(input: ListPostsInput, actor: Actor, authorId: UserId | undefined): Promise<ListResult<Post>> {
    const filters: PostFilters = { authorId, status: input.status, search: checkedSearch(input.search) };
    const visibility = visibilityFor(actor);
    const sort = parseSort(input.sort ?? DEFAULT_POST_SORT, POST_SORT_FIELDS);
    const listing = {
      // The visibility belongs to the key: a cursor handed to one reader is no use to another.
      key: [filters.authorId ?? null, filters.status ?? null, filters.search ?? null, visibility],
      sort,
      isDateField: (field: PostSortField) => field !== 'title',
      valueOf: (post: Post, field: PostSortField) => post[field],
      idOf: (post: Post) => post.id,
    };
    return this.#pager.page(input, listing, (page) => this.#uow.read((repos) => repos.posts.list({ ...filters, visibility, sort, ...page })));
  }
}

function authorFilter(raw: string | undefined): UserId | undefined {
  if (raw === undefined) return undefined;
  const id = parseUserId(raw);
  if (!id) throw new ValidationError({ authorId: 'Author id must be a user id' });
  return id;
}
