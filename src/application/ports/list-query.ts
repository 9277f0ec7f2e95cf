import { ValidationError } from '../../domain/errors.ts';

/**
 * The order every list query has (API.md, "Listing"): sort keys parsed from `-createdAt,name`,
 * then the id as tie-break in the direction of the last key, which makes it total; and the keyset
 * position a page starts after. Shared by the repositories' query types and their adapters.
 */
export type SortDirection = 'asc' | 'desc';
export type SortKeyOf<F extends string> = Readonly<{ field: F; direction: SortDirection }>;

/** Where a keyset page starts: the sort values of the last row already seen, and its id. */
export type KeysetPosition<Id extends string = string> = Readonly<{ values: readonly (string | Date)[]; id: Id }>;

/** Parses `-createdAt,name` into sort keys; every problem is a 400 on `sort`. */
export function parseSort<F extends string>(raw: string, fields: readonly F[]): SortKeyOf<F>[] {
  const keys: SortKeyOf<F>[] = [];
  for (const part of raw.split(',')) {
    const token = part.trim();
    const descending = token.startsWith('-');
    const field = descending ? token.slice(1) : token;
    if (!(fields as readonly string[]).includes(field)) {
      throw new ValidationError({ sort: `Cannot sort by "${field}"; use ${fields.join(', ')}, each optionally prefixed with -` });
    }
    if (keys.some((key) => key.field === field)) throw new ValidationError({ sort: `Sort field "${field}" is given more than once` });
    keys.push({ field: field as F, direction: descending ? 'desc' : 'asc' });
  }
  return keys;
}

/** The tie-break direction: that of the last sort key. */
export function idDirection(sort: readonly SortKeyOf<string>[]): SortDirection {
  return sort[sort.length - 1]?.direction ?? 'asc';
}
