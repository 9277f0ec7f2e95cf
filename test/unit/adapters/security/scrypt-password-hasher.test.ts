import { describe, expect, it } from 'vitest';
import { HASHING_BUSY, OWASP_SCRYPT, ScryptPasswordHasher } from '../../../../src/adapters/security/scrypt-password-hasher.ts';
import { ServiceUnavailableError } from '../../../../src/domain/errors.ts';

const CHEAP = { N: 1024, r: 8, p: 1 };

describe('ScryptPasswordHasher', () => {
  const hasher = new ScryptPasswordHasher(CHEAP);

  it('verifies the right password and refuses a wrong one', async () => {
    const hash = await hasher.hash('correct horse battery staple');
    expect(await hasher.verify('correct horse battery staple', hash)).toBe(true);
    expect(await hasher.verify('correct horse battery stapler', hash)).toBe(false);
    expect(await hasher.verify('Correct horse battery staple', hash)).toBe(false);
    expect(await hasher.verify('', hash)).toBe(false);
  });

  it('never contains the password', async () => {
    const hash = await hasher.hash('hunter2hunter2');
    expect(hash).not.toContain('hunter2');
  });

  it('salts: the same password hashes differently each time, and both verify', async () => {
    const first = await hasher.hash('same password');
    const second = await hasher.hash('same password');
    expect(first).not.toBe(second);
    expect(first.split('$')[4]).not.toBe(second.split('$')[4]); // different salts
    expect(await hasher.verify('same password', first)).toBe(true);
    expect(await hasher.verify('same password', second)).toBe(true);
  });

  it('stores its cost in the hash, so a hasher of another cost still verifies it', async () => {
    const hash = await hasher.hash('portable password');
    expect(hash).toMatch(/^scrypt\$1024\$8\$1\$[A-Za-z0-9_-]+\$[A-Za-z0-9_-]+$/);
    expect(await new ScryptPasswordHasher({ N: 2048, r: 8, p: 1 }).verify('portable password', hash)).toBe(true);
  });

  it('uses the OWASP parameters (N=2^17, r=8, p=1) by default', async () => {
    expect(OWASP_SCRYPT).toEqual({ N: 131072, r: 8, p: 1 });
    const hash = await new ScryptPasswordHasher().hash('default cost');
    expect(hash.startsWith('scrypt$131072$8$1$')).toBe(true);
    expect(await hasher.verify('default cost', hash)).toBe(true);
  });

  it('treats canonically equivalent Unicode spellings as the same password', async () => {
    const composed = 'caf\u00e9 au lait'; // é as one code point
    const decomposed = 'cafe\u0301 au lait'; // e + combining acute accent
    expect(await hasher.verify(decomposed, await hasher.hash(composed))).toBe(true);
  });

  it('refuses a hash whose key was altered', async () => {
    const hash = await hasher.hash('tamper me');
    const parts = hash.split('$');
    const key = parts[5] as string;
    parts[5] = (key[0] === 'A' ? 'B' : 'A') + key.slice(1);
    expect(await hasher.verify('tamper me', parts.join('$'))).toBe(false);
    parts[5] = key.slice(0, -4); // truncated key
    expect(await hasher.verify('tamper me', parts.join('$'))).toBe(false);
  });

  it.each([
    ['empty', ''],
    ['not a hash', 'password'],
    ['another scheme', 'bcrypt$1024$8$1$c2FsdHNhbHRzYWx0c2FsdA$a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2U'],
    ['a missing key', 'scrypt$1024$8$1$c2FsdHNhbHRzYWx0c2FsdA'],
    ['a missing salt and key', 'scrypt$1024$8$1'],
    ['an empty cost', 'scrypt$$$$c2FsdHNhbHRzYWx0c2FsdA$a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2U'],
    ['a cost that is not a number', 'scrypt$abc$8$1$c2FsdHNhbHRzYWx0c2FsdA$a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2U'],
    ['N not a power of two', 'scrypt$1000$8$1$c2FsdHNhbHRzYWx0c2FsdA$a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2U'],
    ['a negative cost', 'scrypt$-1024$8$1$c2FsdHNhbHRzYWx0c2FsdA$a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2U'],
    ['r of zero', 'scrypt$1024$0$1$c2FsdHNhbHRzYWx0c2FsdA$a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2U'],
  ])('answers false, not an exception, for a malformed hash: %s', async (_why, malformed) => {
    await expect(hasher.verify('whatever password', malformed)).resolves.toBe(false);
  });

  describe('bounded, sign-ins first', () => {
    it('verifies (sign-in) ahead of hashing new passwords that were waiting before them', async () => {
      const one = new ScryptPasswordHasher(CHEAP, { maxConcurrent: 1 });
      const stored = await one.hash('known password');
      const finished: string[] = [];
      const track = <T>(name: string, promise: Promise<T>) => promise.then((value) => (finished.push(name), value));
      const all = [
        track('hash 1', one.hash('new password 1')),
        track('hash 2', one.hash('new password 2')),
        track('hash 3', one.hash('new password 3')),
        track('verify', one.verify('known password', stored)),
      ];
      await Promise.all(all);
      expect(finished).toEqual(['hash 1', 'verify', 'hash 2', 'hash 3']);
      expect(await all[3]).toBe(true);
    });

    it('refuses work beyond capacity with SERVICE_UNAVAILABLE and a retry-after, and serves again once drained', async () => {
      const small = new ScryptPasswordHasher(CHEAP, { maxConcurrent: 1, maxWaiting: 2, retryAfterSeconds: 3 });
      const stored = await small.hash('known password');
      const hashes = Array.from({ length: 5 }, (_, i) => small.hash(`new password ${i}`));
      const outcomes = await Promise.allSettled(hashes);
      expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'rejected', 'rejected']);
      const refusal = (outcomes[3] as PromiseRejectedResult).reason as ServiceUnavailableError;
      expect(refusal).toBeInstanceOf(ServiceUnavailableError);
      expect(refusal).toMatchObject({ code: 'SERVICE_UNAVAILABLE', message: HASHING_BUSY, retryAfterSeconds: 3 });
      // A full room of new passwords leaves the sign-ins' room empty: verify still gets in.
      const busy = Array.from({ length: 3 }, (_, i) => small.hash(`again ${i}`));
      await expect(small.verify('known password', stored)).resolves.toBe(true);
      await Promise.all(busy);
    });

    it('a refused verify rejects (busy), rather than answering false (wrong password)', async () => {
      const none = new ScryptPasswordHasher(CHEAP, { maxConcurrent: 1, maxWaiting: 0 });
      const stored = await none.hash('known password');
      const running = none.verify('known password', stored);
      await expect(none.verify('known password', stored)).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
      expect(await running).toBe(true);
    });

    it('by default keeps one of its slots for sign-ins and lets twice the slots wait per priority', async () => {
      const two = new ScryptPasswordHasher(CHEAP, { maxConcurrent: 2 });
      const stored = await two.hash('known password');
      const hashes = Promise.allSettled(Array.from({ length: 8 }, (_, i) => two.hash(`p${i}`))); // 1 runs, 4 wait
      const verifies = Promise.allSettled(Array.from({ length: 6 }, () => two.verify('known password', stored))); // 1 runs, 4 wait
      const [hashed, verified] = await Promise.all([hashes, verifies]);
      expect(hashed.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(5);
      expect(verified.map((outcome) => outcome.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'fulfilled', 'fulfilled', 'rejected']);
    });
  });
});
