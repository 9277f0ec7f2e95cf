import { describe, expect, it } from 'vitest';
import { UuidV7Ids } from '../../../../src/adapters/system/uuid-v7-ids.ts';
import { parseUserId } from '../../../../src/domain/user.ts';

const UUID_SHAPE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function timestampOf(id: string): number {
  return Number.parseInt(id.replaceAll('-', '').slice(0, 12), 16);
}

describe('UuidV7Ids', () => {
  it('produces lower-case UUIDs with version 7 and the RFC 9562 variant', () => {
    const ids = new UuidV7Ids();
    for (let i = 0; i < 1000; i++) {
      const id = ids.next();
      expect(id).toMatch(UUID_SHAPE);
      expect(id[14]).toBe('7'); // version nibble
      expect(Number.parseInt(id[19] as string, 16) >> 2).toBe(0b10); // variant bits 10xx
      expect(parseUserId(id)).toBe(id);
    }
  });

  it('embeds the current Unix time in milliseconds', () => {
    const before = Date.now();
    const id = new UuidV7Ids().next();
    const after = Date.now();
    expect(timestampOf(id)).toBeGreaterThanOrEqual(before);
    expect(timestampOf(id)).toBeLessThanOrEqual(after);
  });

  it('is strictly increasing over 10,000 ids generated in a tight loop', () => {
    const ids = new UuidV7Ids();
    const generated: string[] = [];
    for (let i = 0; i < 10_000; i++) generated.push(ids.next());
    let sameMillisecond = 0;
    for (let i = 1; i < generated.length; i++) {
      const previous = generated[i - 1] as string;
      const current = generated[i] as string;
      if (!(previous < current)) throw new Error(`id ${i} (${current}) does not sort after ${previous}`);
      if (timestampOf(previous) === timestampOf(current)) sameMillisecond++;
    }
    expect(new Set(generated).size).toBe(10_000);
    // The loop is fast enough that many ids share a millisecond: the counter is what kept them ordered.
    expect(sameMillisecond).toBeGreaterThan(0);
  });

  it('stays increasing when more than 4096 ids fall in one millisecond', () => {
    const realNow = Date.now;
    const frozen = realNow();
    Date.now = () => frozen;
    try {
      const ids = new UuidV7Ids();
      let previous = '';
      for (let i = 0; i < 10_000; i++) {
        const id = ids.next();
        if (!(previous < id)) throw new Error(`id ${i} (${id}) does not sort after ${previous}`);
        previous = id;
      }
      // 10,000 ids at 4096 per millisecond borrow two milliseconds ahead, no more.
      expect(timestampOf(previous)).toBe(frozen + 2);
    } finally {
      Date.now = realNow;
    }
  });

  it('stays increasing when the clock steps backwards', () => {
    const realNow = Date.now;
    let now = realNow();
    Date.now = () => now;
    try {
      const ids = new UuidV7Ids();
      const first = ids.next();
      now -= 5_000;
      const second = ids.next();
      expect(second > first).toBe(true);
    } finally {
      Date.now = realNow;
    }
  });

  it('puts randomness in the rest, so two generators do not collide', () => {
    const a = new UuidV7Ids();
    const b = new UuidV7Ids();
    const seen = new Set<string>();
    for (let i = 0; i < 500; i++) {
      seen.add(a.next());
      seen.add(b.next());
    }
    expect(seen.size).toBe(1000);
  });
});
