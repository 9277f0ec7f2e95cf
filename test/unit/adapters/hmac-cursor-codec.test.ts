import { describe, expect, it } from 'vitest';
import { HmacCursorCodec } from '../../../src/adapters/security/hmac-cursor-codec.ts';

const payload = { l: '[null,null,null,["-createdAt"]]', v: ['2024-01-20T10:00:00.000Z'], id: '00000000-0000-7000-8000-000000000001' };
const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
// Every character a base64url string is made of, plus those a forger might try in its place.
const SUBSTITUTES = [...BASE64URL, '+', '/', '=', '.', ' ', '!', '%'];

describe('HmacCursorCodec', () => {
  it('round-trips a payload', () => {
    const codec = new HmacCursorCodec('secret-1');
    expect(codec.decode(codec.encode(payload))).toEqual(payload);
    expect(codec.decode(codec.encode({ nested: { list: [1, 'two', null] }, unicode: 'ünï 😀' }))).toEqual({
      nested: { list: [1, 'two', null] },
      unicode: 'ünï 😀',
    });
  });

  it('produces a URL-safe opaque string that does not show the payload in clear', () => {
    const cursor = new HmacCursorCodec('secret-1').encode(payload);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(cursor).not.toContain('createdAt');
    expect(encodeURIComponent(cursor)).toBe(cursor);
  });

  it('is deterministic for one secret', () => {
    expect(new HmacCursorCodec('s').encode(payload)).toBe(new HmacCursorCodec('s').encode(payload));
  });

  it('rejects a cursor made with another secret', () => {
    const cursor = new HmacCursorCodec('secret-1').encode(payload);
    expect(new HmacCursorCodec('secret-2').decode(cursor)).toBeNull();
    expect(new HmacCursorCodec().decode(cursor)).toBeNull(); // a random secret
  });

  it('rejects every single-character change anywhere in the cursor', () => {
    const codec = new HmacCursorCodec('secret-1');
    const cursor = codec.encode(payload);
    const accepted: string[] = [];
    for (let i = 0; i < cursor.length; i++) {
      for (const substitute of SUBSTITUTES) {
        if (substitute === cursor[i]) continue;
        const tampered = cursor.slice(0, i) + substitute + cursor.slice(i + 1);
        if (codec.decode(tampered) !== null) accepted.push(`position ${i}: ${cursor[i]} -> ${substitute}`);
      }
    }
    expect(accepted).toEqual([]);
  });

  it('rejects a deleted or an inserted character anywhere', () => {
    const codec = new HmacCursorCodec('secret-1');
    const cursor = codec.encode(payload);
    const accepted: string[] = [];
    for (let i = 0; i <= cursor.length; i++) {
      if (i < cursor.length && codec.decode(cursor.slice(0, i) + cursor.slice(i + 1)) !== null) accepted.push(`delete ${i}`);
      for (const extra of ['A', '=', '.']) {
        if (codec.decode(cursor.slice(0, i) + extra + cursor.slice(i)) !== null) accepted.push(`insert ${extra} at ${i}`);
      }
    }
    expect(accepted).toEqual([]);
  });

  it('rejects a payload re-signed by no one: body of one cursor with the tag of another', () => {
    const codec = new HmacCursorCodec('secret-1');
    const [body] = codec.encode({ ...payload, id: '00000000-0000-7000-8000-000000000999' }).split('.');
    const [, tag] = codec.encode(payload).split('.');
    expect(codec.decode(`${body}.${tag}`)).toBeNull();
  });

  it.each(['', '.', 'abc', 'abc.', '.abc', 'a.b.c', 'not a cursor at all', '%%%.%%%'])('rejects garbage %j', (garbage) => {
    expect(new HmacCursorCodec('secret-1').decode(garbage)).toBeNull();
  });
});
