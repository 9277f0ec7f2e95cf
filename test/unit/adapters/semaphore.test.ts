import { describe, expect, it } from 'vitest';
import { Semaphore } from '../../../src/adapters/system/semaphore.ts';

/** A promise the test settles by hand, so the order of events is the test's, not the timer's. */
function deferred<T = void>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('Semaphore', () => {
  it('runs at most `limit` at once and starts the waiting in arrival order as slots free up', async () => {
    const slots = new Semaphore(2);
    const gates = [deferred(), deferred(), deferred(), deferred()];
    const started: number[] = [];
    const runs = gates.map((gate, i) => slots.run(async () => (started.push(i), gate.promise)));
    const outcomes = Promise.allSettled(runs); // observed from the start: a rejection is expected
    await tick();
    expect(started).toEqual([0, 1]);
    gates[1]?.resolve();
    await tick();
    expect(started).toEqual([0, 1, 2]);
    gates[0]?.reject(new Error('failed work frees its slot too'));
    await tick();
    expect(started).toEqual([0, 1, 2, 3]);
    gates[2]?.resolve();
    gates[3]?.resolve();
    expect((await outcomes).map((outcome) => outcome.status)).toEqual(['rejected', 'fulfilled', 'fulfilled', 'fulfilled']);
  });

  it('gives a slot back once everything is done, so later work starts at once', async () => {
    const slots = new Semaphore(1);
    await slots.run(async () => undefined);
    let ran = false;
    await slots.run(async () => {
      ran = true;
    });
    expect(ran).toBe(true);
  });
});
