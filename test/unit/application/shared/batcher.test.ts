import { describe, expect, it } from 'vitest';
import { Batcher } from '../../../../src/application/shared/batcher.ts';

describe('Batcher', () => {
  it('sends the items added in one event-loop turn as one run, and answers each its own result', async () => {
    const runs: number[][] = [];
    const batcher = new Batcher<number, string>(async (items) => {
      runs.push([...items]);
      return items.map((item) => `r${item}`);
    });
    const answers = await Promise.all([1, 2, 3].map((item) => batcher.add(item)));
    expect(answers).toEqual(['r1', 'r2', 'r3']);
    expect(runs).toEqual([[1, 2, 3]]);
    expect(await batcher.add(4)).toBe('r4'); // a later turn: a run of its own
    expect(runs).toEqual([[1, 2, 3], [4]]);
  });

  it('runs at once when maxBatch items wait', async () => {
    const runs: number[][] = [];
    const batcher = new Batcher<number, number>(async (items) => {
      runs.push([...items]);
      return [...items];
    }, 2);
    expect(await Promise.all([1, 2, 3, 4, 5].map((item) => batcher.add(item)))).toEqual([1, 2, 3, 4, 5]);
    expect(runs).toEqual([[1, 2], [3, 4], [5]]);
  });

  it('rejects every item of a failed run, and of a run that answers the wrong number of results', async () => {
    const failing = new Batcher<number, number>(async () => {
      throw new Error('server gone');
    });
    const results = await Promise.allSettled([failing.add(1), failing.add(2)]);
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected']);
    const short = new Batcher<number, number>(async () => [1]);
    await expect(Promise.all([short.add(1), short.add(2)])).rejects.toThrow(/batch of 2 answered with 1/);
  });
});
