import type { Clock } from '../../application/ports/clock.ts';

export type CircuitState = 'closed' | 'open' | 'half-open';

export type CircuitBreakerOptions = {
  clock: Clock;
  /** How long the circuit stays open after the first failure; doubles with each failed probe. */
  initialCooldownMs?: number;
  maxCooldownMs?: number;
};

/**
 * Stops calling a dependency that is failing, so every request does not wait out a timeout on it,
 * and lets one call through now and then to find out whether it is back.
 *
 * closed: every call goes through; any failure opens the circuit (a dependency that answers in
 * well under a millisecond when healthy has no "some failures are normal" to tolerate).
 * open: no call goes through until the cooldown has passed.
 * half-open: exactly one call (the probe) goes through; its success closes the circuit and resets
 * the cooldown, its failure opens it again for twice as long (up to maxCooldownMs). A probe that
 * never reports back is given up after a cooldown, so a lost probe cannot wedge the circuit.
 *
 * Callers must report every call `allows()` let through with `succeeded()` or `failed()`.
 */
export class CircuitBreaker {
  readonly #clock: Clock;
  readonly #initialCooldownMs: number;
  readonly #maxCooldownMs: number;
  #state: CircuitState = 'closed';
  #cooldownMs: number;
  #retryAt = 0;
  #probeStartedAt = 0;

  constructor(options: CircuitBreakerOptions) {
    this.#clock = options.clock;
    this.#initialCooldownMs = options.initialCooldownMs ?? 1000;
    this.#maxCooldownMs = options.maxCooldownMs ?? 8000;
    this.#cooldownMs = this.#initialCooldownMs;
  }

  get state(): CircuitState {
    return this.#state;
  }

  /** Whether a call may go through now; in half-open, true for the probe only. */
  allows(): boolean {
    const now = this.#now();
    if (this.#state === 'closed') return true;
    if (this.#state === 'half-open') {
      if (now - this.#probeStartedAt < this.#cooldownMs) return false;
      this.#probeStartedAt = now; // the probe was lost: send another
      return true;
    }
    if (now < this.#retryAt) return false;
    this.#state = 'half-open';
    this.#probeStartedAt = now;
    return true;
  }

  succeeded(): void {
    // A straggler: a call let through before the circuit opened says nothing about now.
    if (this.#state === 'open') return;
    this.#state = 'closed';
    this.#cooldownMs = this.#initialCooldownMs;
  }

  failed(): void {
    if (this.#state === 'half-open') this.#cooldownMs = Math.min(this.#cooldownMs * 2, this.#maxCooldownMs);
    else if (this.#state === 'open') return; // a straggler of the calls made before it opened
    this.#state = 'open';
    this.#retryAt = this.#now() + this.#cooldownMs;
  }

  #now(): number {
    return this.#clock.now().getTime();
  }
}
