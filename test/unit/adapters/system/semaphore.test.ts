import { describe, expect, it } from 'vitest';
import { Semaphore, SemaphoreFullError } from '../../../../src/adapters/system/semaphore.ts';

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

  it('starts waiting high-priority work before waiting low-priority work, each in arrival order', async () => {
    const slots = new Semaphore(1);
    const gate = deferred();
    const started: string[] = [];
    const work = (name: string) => async () => {
      started.push(name);
      if (name === 'running') await gate.promise;
    };
    const runs = [
      slots.run(work('running'), 'low'),
      slots.run(work('low 1'), 'low'),
      slots.run(work('high 1'), 'high'),
      slots.run(work('low 2'), 'low'),
      slots.run(work('high 2')), // high by default
    ];
    await tick();
    expect(started).toEqual(['running']);
    gate.resolve();
    await Promise.all(runs);
    expect(started).toEqual(['running', 'high 1', 'high 2', 'low 1', 'low 2']);
  });

  it('refuses at once, without running it, work that finds its waiting room full; the other priority still waits', async () => {
    const slots = new Semaphore(1, { maxWaiting: 2 });
    const gate = deferred();
    let ran = 0;
    const work = async () => {
      ran++;
      await gate.promise;
    };
    const admitted = [slots.run(work, 'low'), slots.run(work, 'low'), slots.run(work, 'low')]; // one runs, two wait
    const refused = slots.run(work, 'low');
    await expect(refused).rejects.toBeInstanceOf(SemaphoreFullError);
    await expect(refused).rejects.toMatchObject({ priority: 'low' });
    const high = [slots.run(work, 'high'), slots.run(work, 'high')];
    await expect(slots.run(work, 'high')).rejects.toMatchObject({ priority: 'high' });
    await tick();
    expect(ran).toBe(1);
    gate.resolve();
    await Promise.all([...admitted, ...high]);
    expect(ran).toBe(5);
    // Room again once it drained.
    await expect(slots.run(async () => 'fine', 'low')).resolves.toBe('fine');
  });

  it('lets nothing wait with maxWaiting 0: only free slots take work', async () => {
    const slots = new Semaphore(2, { maxWaiting: 0 });
    const gate = deferred();
    const busy = [slots.run(() => gate.promise), slots.run(() => gate.promise)];
    await expect(slots.run(async () => undefined)).rejects.toBeInstanceOf(SemaphoreFullError);
    gate.resolve();
    await Promise.all(busy);
    await expect(slots.run(async () => 'free')).resolves.toBe('free');
  });

  it('never gives low-priority work the slots reserved for high: a high arrival starts at once beside it', async () => {
    const slots = new Semaphore(2, { reservedForHigh: 1 });
    const gate = deferred();
    const started: string[] = [];
    const work = (name: string) => async () => {
      started.push(name);
      await gate.promise;
    };
    const runs = [slots.run(work('low 1'), 'low'), slots.run(work('low 2'), 'low')];
    await tick();
    expect(started).toEqual(['low 1']);
    runs.push(slots.run(work('high'), 'high'));
    await tick();
    expect(started).toEqual(['low 1', 'high']);
    gate.resolve();
    await Promise.all(runs);
    expect(started).toEqual(['low 1', 'high', 'low 2']);
  });
});
