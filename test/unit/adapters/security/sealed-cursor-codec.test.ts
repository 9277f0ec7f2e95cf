import { describe, expect, it } from 'vitest';
import { SealedCursorCodec } from '../../../../src/adapters/security/sealed-cursor-codec.ts';

const payload = { l: '[null,null,null,["-createdAt"]]', v: ['2024-01-20T10:00:00.000Z'], id: '00000000-0000-7000-8000-000000000001' };
const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
// Every character a base64url string is made of, plus those a forger might try in its place.
const SUBSTITUTES = [...BASE64URL, '+', '/', '=', '.', ' ', '!', '%'];

describe('SealedCursorCodec', () => {
  it('round-trips a payload', () => {
    const codec = new SealedCursorCodec('secret-1');
    expect(codec.decode(codec.encode(payload))).toEqual(payload);
    expect(codec.decode(codec.encode({ nested: { list: [1, 'two', null] }, unicode: 'ünï 😀' }))).toEqual({
      nested: { list: [1, 'two', null] },
      unicode: 'ünï 😀',
    });
  });

  it('produces a URL-safe opaque string that does not show the payload in clear', () => {
    const cursor = new SealedCursorCodec('secret-1').encode(payload);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(cursor).not.toContain('createdAt');
    expect(encodeURIComponent(cursor)).toBe(cursor);
  });

  it('hides the payload even from whoever decodes the base64: it is encrypted, not only signed', () => {
    const secretValue = { v: ['grace.hopper@navy.example', '2024-01-20T10:00:00.000Z'], id: payload.id };
    const cursor = new SealedCursorCodec('secret-1').encode(secretValue);
    const bytes = Buffer.from(cursor, 'base64url');
    for (const clear of ['grace', 'navy', '2024-01-20', payload.id, '"v"']) {
      expect(bytes.includes(Buffer.from(clear, 'utf8')), clear).toBe(false);
      expect(bytes.toString('latin1')).not.toContain(clear);
    }
  });

  it('gives different payloads different cursors, also when they differ in one character', () => {
    const codec = new SealedCursorCodec('secret-1');
    const a = codec.encode({ ...payload, v: ['a'] });
    const b = codec.encode({ ...payload, v: ['b'] });
    expect(a).not.toBe(b);
    expect(Buffer.from(a, 'base64url').subarray(0, 12)).not.toEqual(Buffer.from(b, 'base64url').subarray(0, 12));
  });

  it('is deterministic for one secret', () => {
    expect(new SealedCursorCodec('s').encode(payload)).toBe(new SealedCursorCodec('s').encode(payload));
  });

  it('rejects a cursor made with another secret', () => {
    const cursor = new SealedCursorCodec('secret-1').encode(payload);
    expect(new SealedCursorCodec('secret-2').decode(cursor)).toBeNull();
    expect(new SealedCursorCodec().decode(cursor)).toBeNull(); // a random secret
  });

  it('rejects every single-character change anywhere in the cursor', () => {
    const codec = new SealedCursorCodec('secret-1');
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
    const codec = new SealedCursorCodec('secret-1');
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

  it('rejects a splice: the sealed body of one cursor with the tag of another', () => {
    const codec = new SealedCursorCodec('secret-1');
    const one = Buffer.from(codec.encode({ ...payload, id: '00000000-0000-7000-8000-000000000999' }), 'base64url');
    const other = Buffer.from(codec.encode(payload), 'base64url');
    const spliced = Buffer.concat([one.subarray(0, one.length - 16), other.subarray(other.length - 16)]);
    expect(codec.decode(spliced.toString('base64url'))).toBeNull();
  });

  it.each(['', '.', 'abc', 'abc.', '.abc', 'a.b.c', 'not a cursor at all', '%%%.%%%'])('rejects garbage %j', (garbage) => {
    expect(new SealedCursorCodec('secret-1').decode(garbage)).toBeNull();
  });
});
