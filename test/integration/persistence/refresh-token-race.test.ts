import { createHash } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MikroOrmUnitOfWork } from '../../../src/adapters/persistence/mikro-orm/mikro-orm-unit-of-work.ts';
import { openDatabase, type Database } from '../../../src/adapters/persistence/mikro-orm/orm.ts';
import type { RefreshToken, RefreshTokenUse } from '../../../src/application/ports/refresh-token-repository.ts';
import type { User } from '../../../src/domain/user.ts';
import { aUser, at, store, userId as uuid } from '../../contract/user-fixtures.ts';
import { createTestDatabase } from '../../support/postgres.ts';
import { resetTables } from '../../support/reset-tables.ts';
import { until } from '../../support/until.ts';

const PRESENTERS = 20;

/**
 * Many clients presenting one refresh token at once, each in its own transaction on its own pooled
 * connection (pg's default pool of 10, so half of them queue for a connection and the rest for the
 * row lock). Only real PostgreSQL has concurrent connections; PGlite and the in-memory fake
 * serialise transactions, so the contract suite cannot show this.
 */
describe('refresh token rotation under concurrency on PostgreSQL', () => {
  let testDatabase: Awaited<ReturnType<typeof createTestDatabase>>;
  let database: Database;
  let uow: MikroOrmUnitOfWork;
  let owner: User;
  let serial = 0;
  const aToken = (fields: Partial<RefreshToken> = {}): RefreshToken => {
    const label = `race-token-${++serial}`;
    const tokenHash = createHash('sha256').update(label).digest('hex');
    return { id: uuid(label), sessionId: uuid(`race-session-${serial}`), userId: owner.id, tokenHash, createdAt: at(0), expiresAt: at(60), ...fields };
  };
  // Holding the transaction open a while after the UPDATE makes every other presenter meet its row lock.
  // Losers lock the row too: READ COMMITTED locks the newest version before re-checking the WHERE,
  // and keeps that lock to the end of the transaction although nothing is updated, so the losers'
  // transactions also queue one behind another (about PRESENTERS x this delay in all).
  const holdLock = () => new Promise((resolve) => setTimeout(resolve, 50));

  beforeAll(async () => {
    testDatabase = await createTestDatabase();
    database = await openDatabase({ databaseUrl: testDatabase.url, dataDir: 'memory' });
    await database.migrate();
    uow = new MikroOrmUnitOfWork(database.orm);
  });
  afterAll(async () => {
    await database?.close();
    await testDatabase?.drop();
  });
  beforeEach(async () => {
    await resetTables(database);
    owner = aUser();
    await store(uow, owner);
  });

  it(`lets exactly one of ${PRESENTERS} concurrent uses rotate; the others see reuse`, async () => {
    const token = aToken();
    await uow.transaction(({ refreshTokens }) => refreshTokens.add(token));
    const outcomes = await Promise.all(
      Array.from({ length: PRESENTERS }, () =>
        uow.transaction(async ({ refreshTokens }) => {
          const outcome = await refreshTokens.use(token.tokenHash, at(1));
          await holdLock();
          return outcome;
        }),
      ),
    );
    expect(count(outcomes, 'rotated')).toBe(1);
    expect(count(outcomes, 'reused')).toBe(PRESENTERS - 1);
  });

  it("revokes the winner's new token too: the losers' revocation sees the winner's commit", async () => {
    const token = aToken();
    await uow.transaction(({ refreshTokens }) => refreshTokens.add(token));
    const revoked = await Promise.all(
      Array.from({ length: PRESENTERS }, async () => {
        const outcome = await uow.transaction(async ({ refreshTokens }) => {
          const used = await refreshTokens.use(token.tokenHash, at(1));
          // The rotation a refresh use case would do: a successor in the same session, same transaction.
          if (used.outcome === 'rotated') await refreshTokens.add(aToken({ sessionId: token.sessionId, createdAt: at(1) }));
          await holdLock();
          return used;
        });
        // What a refresh use case does on reuse: end the session, in a transaction of its own.
        return outcome.outcome === 'reused' ? uow.transaction(({ refreshTokens }) => refreshTokens.revokeSession(token.sessionId, at(2))) : 0;
      }),
    );
    // The original and the one successor, each revoked exactly once across all the losers.
    expect(revoked.reduce((sum, n) => sum + n, 0)).toBe(2);
    const rows = await database.orm.em
      .fork()
      .getConnection()
      .execute<{ revoked: boolean }[]>('select "revoked_at" is not null as "revoked" from "refresh_tokens" where "session_id" = ?', [token.sessionId]);
    expect(rows).toEqual([{ revoked: true }, { revoked: true }]);
  });

  // A revoking UPDATE sees only rows committed when it began: a token inserted meanwhile by a
  // sign-in or a rotation would outlive the revocation (an attacker's refresh chain racing the
  // owner's password change kept working). The per-user session lock makes the revocation wait.
  const waitingForLock = async () => {
    const rows = await database.orm.em.fork().getConnection().execute<{ waiting: number }[]>(
      `select count(*)::int as "waiting" from pg_locks where locktype = 'advisory' and not granted`,
    );
    return rows[0]!.waiting > 0;
  };
  const revocations: Record<string, (token: RefreshToken) => Promise<unknown>> = {
    'every session of the user (a password change)': () => uow.transaction(({ refreshTokens }) => refreshTokens.revokeUserSessions(owner.id, at(2))),
    'the session (a logout, a reuse)': (token: RefreshToken) => uow.transaction(({ refreshTokens }) => refreshTokens.revokeSession(token.sessionId, at(2))),
  };
  for (const [what, revoke] of Object.entries(revocations)) {
    it(`revoking ${what} waits for a rotation in flight, and revokes the token it wrote`, async () => {
      const token = aToken();
      await uow.transaction(({ refreshTokens }) => refreshTokens.add(token));
      const successor = aToken({ sessionId: token.sessionId, createdAt: at(1) });
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      let used!: () => void;
      const usedUp = new Promise<void>((resolve) => (used = resolve));
      const rotation = uow.transaction(async ({ refreshTokens }) => {
        expect((await refreshTokens.use(token.tokenHash, at(1))).outcome).toBe('rotated');
        used();
        await held; // the revocation starts now, before the successor is written
        await refreshTokens.add(successor);
      });
      await usedUp;
      const revocation = revoke(token);
      try {
        await until(waitingForLock, 3000, 'the revocation waiting for the rotation');
      } finally {
        release(); // never leave the transaction open, whatever happened
        await rotation;
        await revocation;
      }
      expect(await uow.transaction(({ refreshTokens }) => refreshTokens.use(successor.tokenHash, at(3)))).toEqual({ outcome: 'invalid' });
    });
  }

  it("a sign-in's new session, written while the user's sessions are revoked, is revoked with them", async () => {
    const opened = aToken();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let written!: () => void;
    const stored = new Promise<void>((resolve) => (written = resolve));
    const signIn = uow.transaction(async ({ refreshTokens }) => {
      await refreshTokens.add(opened);
      written();
      await held;
    });
    await stored;
    const revocation = uow.transaction(({ refreshTokens }) => refreshTokens.revokeUserSessions(owner.id, at(2)));
    try {
      await until(waitingForLock, 3000, 'the revocation waiting for the sign-in');
    } finally {
      release();
      await signIn;
    }
    expect(await revocation).toEqual([opened.sessionId]);
  });
});

function count(outcomes: RefreshTokenUse[], outcome: RefreshTokenUse['outcome']): number {
  return outcomes.filter((o) => o.outcome === outcome).length;
}
