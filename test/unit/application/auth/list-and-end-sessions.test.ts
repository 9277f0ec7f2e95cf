import { describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR, type Actor } from '../../../../src/application/shared/actor.ts';
import type { RefreshToken } from '../../../../src/application/ports/refresh-token-repository.ts';
import { EndSession } from '../../../../src/application/auth/end-session.ts';
import { ListSessions } from '../../../../src/application/auth/list-sessions.ts';
import { UpdateUser } from '../../../../src/application/users/update-user.ts';
import { requireSessionId } from '../../../../src/domain/session.ts';
import type { User } from '../../../../src/domain/user.ts';
import { aUser } from '../../../support/builders.ts';
import { makeService, rejectionOf, seed } from '../harness.ts';

const PASSWORD = 'the current password';

/** Alice with three sessions of one token each, through the ports; the service's clock is the tokens' present. */
async function aliceSignedInThrice() {
  const service = makeService();
  const alice = aUser().withPasswordHash(await service.hasher.hash(PASSWORD)).build();
  await seed(service.uow, alice);
  const now = service.clock.now();
  const sessionIds = [1, 2, 3].map(() => crypto.randomUUID());
  await service.uow.transaction(async ({ refreshTokens }) => {
    for (const [i, sessionId] of sessionIds.entries()) await refreshTokens.add(tokenOf(alice, sessionId, new Date(now.getTime() - 1000 * (3 - i))));
  });
  const deps = { uow: service.uow, clock: service.clock, access: service.access };
  const actor = (sessionId: string | null): Actor => ({ userId: alice.id, role: 'member', sessionId });
  return { service, alice, sessionIds, actor, list: new ListSessions(deps), end: new EndSession(deps) };
}

function tokenOf(user: User, sessionId: string, createdAt: Date): RefreshToken {
  const id = crypto.randomUUID();
  return { id, sessionId, userId: user.id, tokenHash: id.replaceAll('-', '').padEnd(64, '0'), createdAt, expiresAt: new Date(createdAt.getTime() + 3_600_000) };
}

const idsOf = (sessions: { id: string }[]) => sessions.map((session) => session.id);

describe('sessions (use cases, in-memory adapters)', () => {
  it("lists the actor's sessions newest first, current by the actor's session; the system owns none", async () => {
    const { sessionIds, actor, list } = await aliceSignedInThrice();
    const sessions = await list.execute(actor(sessionIds[1] as string));
    expect(idsOf(sessions)).toEqual([...sessionIds].reverse());
    expect(sessions.map((session) => session.current)).toEqual([false, true, false]);
    expect((await list.execute(actor(null))).every((session) => !session.current)).toBe(true);
    expect(await list.execute(SYSTEM_ACTOR)).toEqual([]);
  });

  it('ends a session given in any case, drops its cached state, and refuses it a second time', async () => {
    const { service, sessionIds, actor, list, end } = await aliceSignedInThrice();
    const target = sessionIds[0] as string;
    expect(await service.access.check({ ...principal(actor(null)), sessionId: target })).toBeTruthy(); // cached as open
    await end.execute({ id: requireSessionId(target.toUpperCase()) }, actor(sessionIds[2] as string));
    expect(idsOf(await list.execute(actor(null)))).toEqual([sessionIds[2], sessionIds[1]]);
    expect(await rejectionOf(service.access.check({ ...principal(actor(null)), sessionId: target }))).toMatchObject({ code: 'UNAUTHORIZED' });
    expect(await rejectionOf(end.execute({ id: requireSessionId(target) }, actor(null)))).toMatchObject({ code: 'NOT_FOUND', message: 'Session not found' });
    expect(await rejectionOf(end.execute({ id: requireSessionId(sessionIds[1] ?? '') }, SYSTEM_ACTOR))).toMatchObject({ code: 'NOT_FOUND' });
  });

  it("keeps only the actor's own session on its password change, and ends none on a change of its name", async () => {
    const { service, alice, sessionIds, actor, list } = await aliceSignedInThrice();
    const deps = { uow: service.uow, ids: service.ids, clock: service.clock, hasher: service.hasher, users: service.users, access: service.access, failures: service.failures };
    const update = new UpdateUser(deps);
    await update.execute({ id: alice.id, name: 'Renamed' }, actor(sessionIds[1] as string));
    expect(await list.execute(actor(null))).toHaveLength(3);
    await update.execute({ id: alice.id, password: 'a new password', currentPassword: PASSWORD }, actor(sessionIds[1] as string));
    expect(idsOf(await list.execute(actor(null)))).toEqual([sessionIds[1]]);
    // An admin's change of Alice's password ends the last one too.
    await service.updateUser.execute({ id: alice.id, password: 'reset by an admin' });
    expect(await list.execute(actor(null))).toEqual([]);
  });
});

function principal(actor: Actor) {
  return { userId: actor.userId as User['id'], email: 'alice@example.com', role: actor.role, tokenId: 'token', sessionId: '', expiresAt: new Date('2100-01-01') };
}
