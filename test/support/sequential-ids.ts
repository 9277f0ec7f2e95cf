import type { IdGenerator } from '../../src/application/ports/id-generator.ts';

/**
 * Deterministic ids: well-formed lower-case UUIDs (version 7, RFC 9562 variant) whose last group
 * counts up from `start`, so they compare in creation order both as strings and as UUIDs, and a
 * test can name the n-th id in advance with `SequentialIds.nth(n)`.
 */
export class SequentialIds implements IdGenerator {
  #next: number;

  constructor(start = 1) {
    this.#next = start;
  }

  next(): string {
    return SequentialIds.nth(this.#next++);
  }

  static nth(n: number): string {
    if (!Number.isSafeInteger(n) || n < 0 || n >= 2 ** 48) throw new RangeError(`No sequential id number ${n}`);
    return `00000000-0000-7000-8000-${n.toString(16).padStart(12, '0')}`;
  }
}
