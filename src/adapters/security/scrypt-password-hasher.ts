import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { Semaphore } from '../system/semaphore.ts';
import type { PasswordHasher } from '../../application/ports/password-hasher.ts';

export type ScryptCost = { N: number; r: number; p: number };

/** OWASP's scrypt minimum (Password Storage Cheat Sheet): N=2^17, r=8, p=1. */
export const OWASP_SCRYPT: ScryptCost = { N: 2 ** 17, r: 8, p: 1 };

const KEY_LENGTH = 32;
const SALT_LENGTH = 16;

function derive(password: string, salt: Buffer, cost: ScryptCost): Promise<Buffer> {
  // maxmem must exceed 128*N*r bytes or node refuses; give it twice that.
  const options: ScryptOptions = { ...cost, maxmem: 256 * cost.N * cost.r };
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, KEY_LENGTH, options, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

/**
 * scrypt from node:crypto. The async form runs on libuv's thread pool, so hashing never blocks
 * the event loop, and at most `maxConcurrent` hashes run at once (default: one per core) so they
 * do not starve it of CPU either; it also bounds scrypt's memory (128 MiB per hash at OWASP cost). The cost is stored in each hash
 * (`scrypt$N$r$p$salt$key`), so raising it later leaves old hashes verifiable.
 */
export class ScryptPasswordHasher implements PasswordHasher {
  readonly #cost: ScryptCost;
  readonly #slots: Semaphore;

  constructor(cost: ScryptCost = OWASP_SCRYPT, options: { maxConcurrent?: number } = {}) {
    this.#cost = cost;
    this.#slots = new Semaphore(options.maxConcurrent ?? Math.max(1, availableParallelism()));
  }

  async hash(password: string): Promise<string> {
    const salt = randomBytes(SALT_LENGTH);
    const key = await this.#slots.run(() => derive(password, salt, this.#cost));
    const { N, r, p } = this.#cost;
    return ['scrypt', N, r, p, salt.toString('base64url'), key.toString('base64url')].join('$');
  }

  /** False, never a throw, for a hash it cannot read: a corrupt row must not turn into a 500. */
  async verify(password: string, hash: string): Promise<boolean> {
    const [scheme, N, r, p, salt, key, extra] = hash.split('$');
    if (scheme !== 'scrypt' || !salt || !key || extra !== undefined) return false;
    const cost = { N: Number(N), r: Number(r), p: Number(p) };
    if (!isSaneCost(cost)) return false;
    const expected = Buffer.from(key, 'base64url');
    try {
      const actual = await this.#slots.run(() => derive(password, Buffer.from(salt, 'base64url'), cost));
      return actual.length === expected.length && timingSafeEqual(actual, expected);
    } catch {
      return false;
    }
  }
}

/**
 * Bounds on a cost read back from storage, so a tampered hash can neither crash scrypt nor make
 * one verification run for minutes (N=2^24 does).
 */
function isSaneCost({ N, r, p }: ScryptCost): boolean {
  const whole = (n: number, max: number) => Number.isInteger(n) && n >= 1 && n <= max;
  return whole(N, 2 ** 20) && N >= 2 && (N & (N - 1)) === 0 && whole(r, 32) && whole(p, 16);
}
