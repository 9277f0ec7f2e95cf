import { ValidationError } from '../../domain/errors.ts';
import { hasUnsafeCharacters } from '../../domain/text.ts';
import type { CursorCodec } from '../ports/cursor-codec.ts';
import type { KeysetPosition, SortKeyOf } from '../ports/list-query.ts';

/**
 * What every list of the API shares (API.md, "Listing"): offset pages with exact totals, and
 * keyset pages behind sealed cursors, over the total order of ports/list-query.ts. A
 * resource supplies its sort fields and one `fetch`; ListUsers and ListPosts are both built on it.
 */
/** A search term may hold no control character: a NUL cannot even reach PostgreSQL. */
export function checkedSearch(search: string | undefined): string | undefined {
  if (search !== undefined && hasUnsafeCharacters(search)) {
    throw new ValidationError({ search: 'Search must not contain control characters or invalid Unicode' });
  }
  return search?.trim() || undefined;
}

export type OffsetPagination = { page: number; limit: number; total: number; totalPages: number; nextCursor: string | null };
export type CursorPagination = { limit: number; nextCursor: string | null };
export type ListResult<T> = { items: T[]; pagination: OffsetPagination | CursorPagination };

export type PageRequest = { page?: number; limit: number; cursor?: string };

/** How a resource's rows look to the pager: their id and the value of each sort field. */
export type Listing<T, F extends string> = Readonly<{
  /** Identifies the filters (and visibility) of this listing: a cursor from another is a 400. */
  key: unknown;
  sort: readonly SortKeyOf<F>[];
  isDateField(field: F): boolean;
  valueOf(item: T, field: F): string | Date;
  idOf(item: T): string;
}>;

export type Fetch<T> = (page: { limit: number; offset?: number; after?: KeysetPosition }) => Promise<{ items: T[]; total?: number }>;

/** What a cursor carries: the position, and the listing it belongs to. */
type CursorPayload = { l: string; v: string[]; id: string };

const BAD_CURSOR = 'Cursor is malformed, tampered with, or belongs to other filters or sort';

export class Paginator {
  readonly #cursors: CursorCodec;

  constructor(cursors: CursorCodec) {
    this.#cursors = cursors;
  }

  /**
   * An offset page (with exact totals) or, given `cursor`, the keyset page after it, fetching one
   * row more than asked to learn whether another page follows without counting.
   */
  async page<T, F extends string>(request: PageRequest, listing: Listing<T, F>, fetch: Fetch<T>): Promise<ListResult<T>> {
    if (request.cursor !== undefined && request.page !== undefined) {
      throw new ValidationError({ page: 'Page cannot be combined with cursor' });
    }
    const key = JSON.stringify([listing.key, listing.sort.map((k) => `${k.direction === 'desc' ? '-' : ''}${k.field}`)]);
    const { limit } = request;
    if (request.cursor !== undefined) {
      const after = this.#decode(request.cursor, key, listing);
      const { items } = await fetch({ limit: limit + 1, after });
      const pageItems = items.slice(0, limit);
      const next = items.length > limit ? this.#encode(pageItems, key, listing) : null;
      return { items: pageItems, pagination: { limit, nextCursor: next } };
    }
    const page = request.page ?? 1;
    const offset = (page - 1) * limit;
    const { items, total = 0 } = await fetch({ limit, offset });
    const more = offset + items.length < total && items.length > 0;
    return {
      items,
      pagination: { page, limit, total, totalPages: Math.ceil(total / limit), nextCursor: more ? this.#encode(items, key, listing) : null },
    };
  }

  #encode<T, F extends string>(items: T[], key: string, listing: Listing<T, F>): string {
    const last = items[items.length - 1] as T;
    const values = listing.sort.map(({ field }) => {
      const value = listing.valueOf(last, field);
      return value instanceof Date ? value.toISOString() : value;
    });
    return this.#cursors.encode({ l: key, v: values, id: listing.idOf(last) } satisfies CursorPayload);
  }

  #decode<T, F extends string>(cursor: string, key: string, listing: Listing<T, F>): KeysetPosition {
    const payload = this.#cursors.decode(cursor);
    if (!isCursorPayload(payload) || payload.l !== key || payload.v.length !== listing.sort.length) {
      throw new ValidationError({ cursor: BAD_CURSOR }, BAD_CURSOR);
    }
    const values = listing.sort.map(({ field }, i) => {
      const raw = payload.v[i] as string;
      if (!listing.isDateField(field)) return raw;
      const date = new Date(raw);
      if (Number.isNaN(date.getTime())) throw new ValidationError({ cursor: BAD_CURSOR }, BAD_CURSOR);
      return date;
    });
    return { values, id: payload.id };
  }
}

function isCursorPayload(value: unknown): value is CursorPayload {
  if (typeof value !== 'object' || value === null) return false;
  const { l, v, id } = value as Record<string, unknown>;
  return (
    typeof l === 'string' &&
    typeof id === 'string' &&
    /^[0-9a-f-]{36}$/.test(id) &&
    Array.isArray(v) &&
    v.every((item) => typeof item === 'string')
  );
}
