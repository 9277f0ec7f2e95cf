import { UnauthorizedError } from '../domain/errors.ts';
import type { UserId, UserRole, UserStatus } from '../domain/user.ts';
import type { Clock } from './ports/clock.ts';
import type { Principal } from './ports/token-service.ts';
import type { UnitOfWork } from './ports/unit-of-work.ts';

/** What the hot path needs to know about a token's holder; null: the user is gone. */
type Holder = Readonly<{ role: UserRole; status: UserStatus }> | null;

/**
 * A loaded holder remembers the newest change of its user it has seen (`changedAt`), so neither a
 * marker nor a fresher load can be overwritten by a load that started before that change.
 */
type Entry = { holder: Holder; expiresAt: number; changedAt: number } | { invalidatedAt: number };

const changeTickOf = (entry: Entry | undefined): number => (!entry ? 0 : 'invalidatedAt' in entry ? entry.invalidatedAt : entry.changedAt);

export type AccountAccessOptions = Readonly<{
  uow: UnitOfWork;
  clock: Clock;
  /** How long an access token lives: a revoked session is remembered that long. */
  accessTtlSeconds: number;
  /**
   * How long a holder's role and status are trusted without asking the database. Within one
   * instance a change is seen at once (use cases call `userChanged`); this bounds how long another
   * instance may trust what it loaded before (cross-instance invalidation arrives with the cache).
   */
  holderTtlSeconds?: number;
  /** Most holders remembered; the least recently loaded are dropped first. */
  maxHolders?: number;
}>;

const SIGNED_OUT = 'Session has ended; sign in again';
const LOCKED_OUT = 'Account is suspended or no longer exists';

/**
 * Decides whether a verified access token may still act, without a database round trip on the
 * hot path: a suspended or deleted holder, or a revoked session (logout, refresh-token reuse), is
 * locked out at once, and the holder's current role replaces the one the token was issued with.
 *
 * Holders are cached with the two guards of the paper Scaling Memcache at Facebook: concurrent
 * misses on one user share one load (single flight), and a load that started before an
 * invalidation of its user is not stored (the stale write-back race), so a suspension can never be
 * undone by a slow reader.
 */
export class AccountAccess {
  readonly #options: Required<AccountAccessOptions>;
  readonly #holders = new Map<UserId, Entry>();
  readonly #loading = new Map<UserId, Promise<Holder>>();
  readonly #revokedSessions = new Map<string, number>();
  /** Ticks on every invalidation; a load remembers the tick it started at. */
  #tick = 0;
  /** The newest change tick among evicted entries: loads older than it are not stored. */
  #evictedInvalidation = 0;

  constructor(options: AccountAccessOptions) {
    this.#options = { holderTtlSeconds: 30, maxHolders: 100_000, ...options };
  }

  /** The principal with its holder's current role; throws UnauthorizedError when locked out. */
  async check(principal: Principal): Promise<Principal> {
    const now = this.#options.clock.now().getTime();
    const revokedUntil = this.#revokedSessions.get(principal.sessionId);
    if (revokedUntil !== undefined && revokedUntil > now) throw new UnauthorizedError(SIGNED_OUT);
    const holder = await this.#holder(principal.userId, now);
    if (!holder || holder.status === 'suspended') throw new UnauthorizedError(LOCKED_OUT);
    return holder.role === principal.role ? principal : { ...principal, role: holder.role };
  }

  /** Call after a change to a user (role, status, deletion) has committed. */
  userChanged(userId: UserId): void {
    this.#remember(userId, { invalidatedAt: ++this.#tick });
    // A load already in flight may have read the old row: later callers must not join it.
    this.#loading.delete(userId);
  }

  /** Call after a session's refresh tokens were revoked (`at`, default now): its access tokens stop working too. */
  sessionRevoked(sessionId: string, at: Date = this.#options.clock.now()): void {
    const now = this.#options.clock.now().getTime();
    for (const [id, until] of this.#revokedSessions) if (until <= now) this.#revokedSessions.delete(id);
    const until = at.getTime() + this.#rememberRevokedMs();
    if (until > now) this.#revokedSessions.set(sessionId, Math.max(until, this.#revokedSessions.get(sessionId) ?? 0));
  }

  /**
   * At start: the sessions revoked recently enough that their access tokens may still be valid,
   * read from the refresh tokens (the durable record), so a restart does not bring back a logged-out
   * or reuse-revoked session. Returns how many.
   */
  async restoreRevokedSessions(): Promise<number> {
    const since = new Date(this.#options.clock.now().getTime() - this.#rememberRevokedMs());
    const revoked = await this.#options.uow.read((repos) => repos.refreshTokens.sessionsRevokedSince(since));
    for (const { sessionId, revokedAt } of revoked) this.sessionRevoked(sessionId, revokedAt);
    return revoked.length;
  }

  /** Past the access token's lifetime (plus verification's clock tolerance) nothing is left to refuse. */
  #rememberRevokedMs(): number {
    return (this.#options.accessTtlSeconds + 60) * 1000;
  }

  async #holder(userId: UserId, now: number): Promise<Holder> {
    const entry = this.#holders.get(userId);
    if (entry && 'holder' in entry && entry.expiresAt > now) return entry.holder;
    const pending = this.#loading.get(userId);
    if (pending) return pending;
    const load = this.#load(userId).finally(() => {
      if (this.#loading.get(userId) === load) this.#loading.delete(userId);
    });
    this.#loading.set(userId, load);
    return load;
  }

  async #load(userId: UserId): Promise<Holder> {
    const startedAt = this.#tick;
    const user = await this.#options.uow.read((repos) => repos.users.findById(userId));
    const holder: Holder = user ? { role: user.role, status: user.status } : null;
    const changedAt = changeTickOf(this.#holders.get(userId));
    if (changedAt <= startedAt && this.#evictedInvalidation <= startedAt) {
      const expiresAt = this.#options.clock.now().getTime() + this.#options.holderTtlSeconds * 1000;
      this.#remember(userId, { holder, expiresAt, changedAt });
    }
    return holder;
  }

  #remember(userId: UserId, entry: Entry): void {
    this.#holders.delete(userId); // re-inserted last: Map order is the eviction order
    this.#holders.set(userId, entry);
    if (this.#holders.size <= this.#options.maxHolders) return;
    const [oldestId, oldest] = this.#holders.entries().next().value as [UserId, Entry];
    this.#holders.delete(oldestId);
    this.#evictedInvalidation = Math.max(this.#evictedInvalidation, changeTickOf(oldest));
  }
}
