import { z } from 'zod';

/**
 * The query fields and pagination shapes every list shares (API.md, "Listing"), so users and
 * posts validate and document them the same way.
 */

/** A query number: decimal digits only (no `1e1`, `0x10`, `1.0`, blanks), then the range. */
function wholeNumber(min: number, max: number) {
  const message = `must be a whole number from ${min} to ${max}`;
  return z
    .string()
    .regex(/^[0-9]{1,9}$/, message)
    .pipe(z.coerce.number<string>().int().min(min, message).max(max, message));
}

export const MAX_PAGE = 100_000_000;
export const DEFAULT_LIMIT = 20;
export const MAX_PAGE_SIZE = 100;

export const pagingQuery = {
  page: wholeNumber(1, MAX_PAGE)
    .optional()
    .meta({ description: 'Offset paging, from 1 (default 1). A page past the end is an empty `data` with the true totals. Not with `cursor`.' }),
  limit: wholeNumber(1, MAX_PAGE_SIZE).default(DEFAULT_LIMIT).meta({ description: 'Page size, 1-100' }),
  cursor: z.string().max(2048).optional().meta({ description: "Keyset paging: a previous page's `nextCursor`, with the same filters and sort and no `page`" }),
};

/**
 * What `parseSort` (application/ports/list-query.ts) admits, as a documented pattern only: the
 * validator stays the one that answers (a duplicate field is its 400 too, which no pattern says).
 */
export function sortPattern(fields: readonly string[]): string {
  const key = `\\s*-?(?:${fields.join('|')})\\s*`;
  return `^${key}(?:,${key})*$`;
}

export function sortQuery(fields: readonly string[], defaultSort: string, example: string) {
  const help = `Comma-separated among ${fields.join(', ')}, each optionally prefixed with \`-\` for descending. Ties are broken by id, in the direction of the last key, so the order is total and stable. Text sorts by code point.`;
  return z.string().max(200).optional().meta({ description: `${help} Default \`${defaultSort}\`.`, pattern: sortPattern(fields), examples: [example] });
}

export function searchQuery(what: string) {
  return z.string().max(200).optional().meta({ description: `Case-insensitive substring of ${what}; \`%\` and \`_\` match themselves` });
}

const count = z.number().int().min(0);
const pageSize = z.number().int().min(1).max(MAX_PAGE_SIZE);
export const offsetPagination = z.object({
  page: count.min(1),
  limit: pageSize,
  total: count.meta({ description: 'Every item matching the filters and search (and visible to the caller)' }),
  totalPages: count.meta({ description: 'ceil(total / limit); 0 when total is 0' }),
  nextCursor: z.string().nullable().meta({ description: 'Continue with `?cursor=`; null on the last page' }),
});
export const cursorPagination = z.object({ limit: pageSize, nextCursor: z.string().nullable() });
export const pagination = z.union([offsetPagination, cursorPagination]);
