import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { ServiceUnavailableError } from '../../domain/errors.ts';
import { Semaphore, SemaphoreFullError } from '../system/semaphore.ts';
import type { HashingOptions, HashingPriority, PasswordHasher } from '../../application/ports/password-hasher.ts';

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

export type ScryptHasherOptions = {
  /** Hashes at once (with two or more, one is kept for sign-ins). Default: one per core. */
  maxConcurrent?: number;
  /** Hashes that may wait, per priority. Default: twice `maxConcurrent` (see below). */
  maxWaiting?: number;
  /** The Retry-After of a refusal. Default 1: a full waiting room drains in about that. */
  retryAfterSeconds?: number;
};

export const HASHING_BUSY = 'Too many password checks at once; try again shortly';

/**
 * scrypt from node:crypto. The async form runs on libuv's thread pool, so hashing never blocks
 * the event loop, and at most `maxConcurrent` hashes run at once (default: one per core) so they
 * do not starve it of CPU either; it also bounds scrypt's memory (128 MiB per hash at OWASP cost). The cost is stored in each hash
 * (`scrypt$N$r$p$salt$key`), so raising it later leaves old hashes verifiable.
 *
 * Work waits by priority (a sign-in's `verify` before the `hash` of a new password) in a bounded
 * room; beyond it, ServiceUnavailableError with Retry-After (API.md: under a flood of sign-ups a
 * sign-in completes within 2 s). With two slots or more, one is kept for sign-ins: new passwords
 * never hold every slot, so a sign-in under a sign-up flood starts at once instead of waiting for
 * a running hash. Why a room of twice the slots: one hash at OWASP cost takes 150-400 ms on a
 * 2-core host, and an admitted sign-in waits at most for the hashes running (1 round), the
 * sign-ins ahead of it (2 rounds) and its own: 4 x 400 ms = 1.6 s. Under a sign-up flood alone it
 * starts at once, in the kept slot.
 */
export class ScryptPasswordHasher implements PasswordHasher {
  readonly #cost: ScryptCost;
  readonly #slots: Semaphore;
  readonly #retryAfterSeconds: number;

  constructor(cost: ScryptCost = OWASP_SCRYPT, options: ScryptHasherOptions = {}) {
    this.#cost = cost;
    const maxConcurrent = options.maxConcurrent ?? Math.max(1, availableParallelism());
    this.#slots = new Semaphore(maxConcurrent, { maxWaiting: options.maxWaiting ?? 2 * maxConcurrent, reservedForHigh: maxConcurrent >= 2 ? 1 : 0 });
    this.#retryAfterSeconds = options.retryAfterSeconds ?? 1;
  }

  async hash(password: string, options: HashingOptions = {}): Promise<string> {
    const salt = randomBytes(SALT_LENGTH);
    const key = await this.#derive(password, salt, this.#cost, options.priority ?? 'low');
    const { N, r, p } = this.#cost;
    return ['scrypt', N, r, p, salt.toString('base64url'), key.toString('base64url')].join('$');
  }

  /** False, never a throw, for a hash it cannot read: a corrupt row must not turn into a 500. */
  async verify(password: string, hash: string, options: HashingOptions = {}): Promise<boolean> {
    const [scheme, N, r, p, salt, key, extra] = hash.split('$');
    if (scheme !== 'scrypt' || !salt || !key || extra !== undefined) return false;
    const cost = { N: Number(N), r: Number(r), p: Number(p) };
    if (!isSaneCost(cost)) return false;
    const expected = Buffer.from(key, 'base64url');
    const actual = await this.#derive(password, Buffer.from(salt, 'base64url'), cost, options.priority ?? 'high').catch((error: unknown) => {
      if (error instanceof ServiceUnavailableError) throw error; // busy is not "wrong password"
      return null;
    });
    return actual !== null && actual.length === expected.length && timingSafeEqual(actual, expected);
  }

  async #derive(password: string, salt: Buffer, cost: ScryptCost, priority: HashingPriority): Promise<Buffer> {
    try {
      return await this.#slots.run(() => derive(password, salt, cost), priority);
    } catch (error) {
      if (error instanceof SemaphoreFullError) throw new ServiceUnavailableError(HASHING_BUSY, this.#retryAfterSeconds);
      throw error;
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
