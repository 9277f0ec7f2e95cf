import type { User, UserRole, UserStatus } from '../../domain/user.ts';
import { requirePermission, type Actor } from '../shared/actor.ts';
import { toUserView } from '../shared/cached-entities.ts';
import { checkedSearch, Paginator, type ListResult, type PageRequest } from '../shared/paging.ts';
import type { CursorCodec } from '../ports/cursor-codec.ts';
import type { UnitOfWork } from '../ports/unit-of-work.ts';
import { DEFAULT_USER_SORT, isDateField, parseUserSort, type KeysetPosition, type UserFilters, type UserSortField } from '../ports/user-list-query.ts';
import { assertMayQueryDirectory, seenBy, seesEveryoneInFull, type SeenUser } from './user-visibility.ts';

export type { CursorPagination, OffsetPagination } from '../shared/paging.ts';

export type ListUsersInput = PageRequest & {
  status?: UserStatus;
  role?: UserRole;
  search?: string;
  sort?: string;
};

export type UserListResult = ListResult<SeenUser>;

/** GET /api/users: each user as the actor may see it (user-visibility.ts); a member searches names only. */
export class ListUsers {
  readonly #uow: UnitOfWork;
  readonly #pager: Paginator;

  constructor(deps: { uow: UnitOfWork; cursors: CursorCodec }) {
    this.#uow = deps.uow;
    this.#pager = new Paginator(deps.cursors);
  }

  async execute(input: ListUsersInput, actor: Actor): Promise<UserListResult> {
    requirePermission(actor, 'users:read');
    const sort = parseUserSort(input.sort ?? DEFAULT_USER_SORT);
    assertMayQueryDirectory(actor, { status: input.status, role: input.role, sort });
    const namesOnly = !seesEveryoneInFull(actor);
    const filters: UserFilters = { status: input.status, role: input.role, search: checkedSearch(input.search), searchNamesOnly: namesOnly };
    const listing = {
      // Names-only search belongs to the key: a cursor of an admin's list is no use in a member's.
      key: [filters.status ?? null, filters.role ?? null, filters.search ?? null, namesOnly ? 'names' : 'all'],
      sort,
      isDateField,
      valueOf: (user: User, field: UserSortField) => user[field],
      idOf: (user: User) => user.id,
    };
    const { items, pagination } = await this.#pager.page(input, listing, ({ limit, offset, after }) =>
      this.#uow.read((repos) => repos.users.list({ ...filters, sort, limit, offset, after: after as KeysetPosition | undefined })),
    );
    // Rows carry the password hash; no caller of a read needs it, so it goes before anyone sees them.
    return { items: items.map((user) => seenBy(actor, toUserView(user))), pagination };
  }
}
