import type { Clock } from '../../src/application/ports/clock.ts';

/** The moment every test starts at unless it says otherwise. */
export const EPOCH = new Date('2024-01-20T10:00:00.000Z');

/**
 * A Clock that only moves when a test moves it. `now()` hands out a copy, so a caller mutating
 * the Date it got cannot move the clock behind the test's back.
 */
export class FixedClock implements Clock {
  #now: number;

  constructor(start: Date | string = EPOCH) {
    this.#now = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.#now);
  }

  set(to: Date | string): this {
    this.#now = new Date(to).getTime();
    return this;
  }

  /** Moves forward by `ms` milliseconds (default one second) and returns the new time. */
  advance(ms = 1000): Date {
    this.#now += ms;
    return this.now();
  }
}
