import type { Clock } from '../../application/ports/clock.ts';
import type { IssuedAccessToken, Principal, TokenService, TokenSubject } from '../../application/ports/token-service.ts';

/**
 * Remembers tokens whose signature was verified, until they expire: checking an EdDSA signature
 * costs more CPU than the rest of a cached request. Only successes are kept, so a forged token is
 * verified (and refused) every time. Revocation is not this cache's business: AccountAccess checks
 * the holder and the session on every request, after this. Bounded: past `maxEntries` the least
 * recently used token is dropped.
 */
export class CachingTokenService implements TokenService {
  readonly #inner: TokenService;
  readonly #clock: Clock;
  readonly #maxEntries: number;
  readonly #verified = new Map<string, Principal>();

  constructor(inner: TokenService, options: { clock: Clock; maxEntries?: number }) {
    this.#inner = inner;
    this.#clock = options.clock;
    this.#maxEntries = options.maxEntries ?? 10_000;
  }

  issueAccessToken(subject: TokenSubject): Promise<IssuedAccessToken> {
    return this.#inner.issueAccessToken(subject);
  }

  async verifyAccessToken(token: string): Promise<Principal> {
    const cached = this.#verified.get(token);
    const now = this.#clock.now().getTime();
    if (cached) {
      this.#verified.delete(token);
      if (cached.expiresAt.getTime() > now) {
        this.#verified.set(token, cached); // most recently used goes last
        return cached;
      }
    }
    const principal = await this.#inner.verifyAccessToken(token);
    this.#verified.set(token, principal);
    if (this.#verified.size > this.#maxEntries) this.#verified.delete(this.#verified.keys().next().value as string);
    return principal;
  }

  /** How many verified tokens are kept (for tests and metrics). */
  get size(): number {
    return this.#verified.size;
  }
}
