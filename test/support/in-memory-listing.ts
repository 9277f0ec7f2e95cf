import { idDirection, type KeysetPosition, type SortKeyOf } from '../../src/application/ports/list-query.ts';

/**
 * What the in-memory repositories share to list exactly like the SQL adapters: PostgreSQL's case
 * folding and COLLATE "C" order, the total order (sort keys, then id), and keyset positions.
 */

/**
 * Lower-cases each code point on its own, keeping one code point per code point, which is what
 * PostgreSQL's lower() and ILIKE do under a UTF-8 ctype: 'Σ' is always 'σ' (never the final 'ς'),
 * and 'İ' is 'i' (not JavaScript's two-code-point 'i̇').
 */
export function foldCase(text: string): string {
  let folded = '';
  for (const char of text) {
    const lower = char.toLowerCase();
    folded += lower.length === char.length ? lower : String.fromCodePoint(lower.codePointAt(0) as number);
  }
  return folded;
}

export function compareValues(a: string | Date, b: string | Date): number {
  if (a instanceof Date && b instanceof Date) return a.getTime() - b.getTime();
  return compareCodePoints(String(a), String(b));
}

/**
 * Code-point order, like PostgreSQL's COLLATE "C" on UTF-8 (byte order is code-point order).
 * JavaScript's `<` compares UTF-16 units, which puts U+10000 and above (emoji) before U+E000-U+FFFF.
 */
function compareCodePoints(a: string, b: string): number {
  const left = a[Symbol.iterator]();
  const right = b[Symbol.iterator]();
  for (;;) {
    const x = left.next();
    const y = right.next();
    if (x.done || y.done) return x.done && y.done ? 0 : x.done ? -1 : 1;
    const diff = (x.value.codePointAt(0) as number) - (y.value.codePointAt(0) as number);
    if (diff !== 0) return diff;
  }
}

type Sortable<F extends string> = Readonly<Record<F, string | Date>> & Readonly<{ id: string }>;

/** The sort keys, then id in the last key's direction: the total order the SQL adapters use. */
export function comparator<F extends string, T extends Sortable<F>>(sort: readonly SortKeyOf<F>[]): (a: T, b: T) => number {
  const tieBreak = idDirection(sort) === 'desc' ? -1 : 1;
  return (a, b) => {
    for (const { field, direction } of sort) {
      const diff = compareValues(a[field], b[field]);
      if (diff !== 0) return direction === 'desc' ? -diff : diff;
    }
    return compareValues(a.id, b.id) * tieBreak;
  };
}

/** A stand-in row holding only the sort values and id of a keyset position, for comparison. */
export function positionAsRow<T>(position: KeysetPosition, sort: readonly SortKeyOf<string>[]): T {
  const fields = Object.fromEntries(sort.map(({ field }, i) => [field, position.values[i]]));
  return { ...fields, id: position.id } as unknown as T;
}
