import { describe, expect, it } from 'vitest';
import { Closers } from '../../../src/composition/closers.ts';

describe('the closer list', () => {
  it('closes in reverse, waiting for each, and only once', async () => {
    const closed: string[] = [];
    const closers = new Closers();
    closers.add(() => void closed.push('database'));
    closers.add(async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      closed.push('transport');
    });
    closers.add(() => void closed.push('loops'));
    await closers.closeAll();
    await closers.closeAll();
    expect(closed).toEqual(['loops', 'transport', 'database']);
  });

  it('runs every close when one fails, then rethrows the first failure', async () => {
    const closed: string[] = [];
    const closers = new Closers();
    closers.add(() => void closed.push('database'));
    closers.add(() => {
      throw new Error('second');
    });
    closers.add(() => {
      throw new Error('first');
    });
    await expect(closers.closeAll()).rejects.toThrow('first');
    expect(closed).toEqual(['database']);
  });
});
