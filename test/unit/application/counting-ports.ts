import { ScryptPasswordHasher } from '../../../src/adapters/security/scrypt-password-hasher.ts';
import type { HashingOptions, PasswordHasher } from '../../../src/application/ports/password-hasher.ts';
import type { Repositories, UnitOfWork } from '../../../src/application/ports/unit-of-work.ts';
import { CHEAP_SCRYPT } from './harness.ts';

/** The real (cheap) scrypt hasher, counting its calls: proves what was, or was not, hashed. */
export class CountingHasher implements PasswordHasher {
  readonly #inner: PasswordHasher;
  hashes = 0;
  verifies = 0;

  constructor(inner: PasswordHasher = new ScryptPasswordHasher(CHEAP_SCRYPT)) {
    this.#inner = inner;
  }

  hash(password: string, options?: HashingOptions): Promise<string> {
    this.hashes++;
    return this.#inner.hash(password, options);
  }

  verify(password: string, hash: string, options?: HashingOptions): Promise<boolean> {
    this.verifies++;
    return this.#inner.verify(password, hash, options);
  }
}

/** A promise a test resolves when it chooses. */
export class Gate {
  readonly opened: Promise<void>;
  open!: () => void;

  constructor() {
    this.opened = new Promise<void>((resolve) => {
      this.open = resolve;
    });
  }
}

/**
 * A UnitOfWork over a real one that counts reads and transactions, and can hold reads: after
 * `holdNextRead()` the next read runs against the committed rows at once (so it sees the row as
 * it is then) but its result is handed back only once the returned gate is opened. That is a slow
 * reader, step by step: what it read may be stale by the time it answers.
 */
export class CountingUnitOfWork implements UnitOfWork {
  readonly inner: UnitOfWork;
  reads = 0;
  transactions = 0;
  #held: { gate: Gate; reached: Gate } | undefined;

  constructor(inner: UnitOfWork) {
    this.inner = inner;
  }

  /** `reached` opens once the held read has read; open `gate` to let it answer. */
  holdNextRead(): { gate: Gate; reached: Gate } {
    this.#held = { gate: new Gate(), reached: new Gate() };
    return this.#held;
  }

  transaction<T>(work: (repos: Repositories) => Promise<T>): Promise<T> {
    this.transactions++;
    return this.inner.transaction(work);
  }

  async read<T>(work: (repos: Repositories) => Promise<T>): Promise<T> {
    this.reads++;
    const held = this.#held;
    this.#held = undefined;
    const result = await this.inner.read(work);
    if (held) {
      held.reached.open();
      await held.gate.opened;
    }
    return result;
  }
}
