import { describe, expect, it } from 'vitest';
import { requireUserId } from '../../../../src/domain/user.ts';
import { SYSTEM_ACTOR, type Actor } from '../../../../src/application/shared/actor.ts';
import type { Principal } from '../../../../src/application/ports/token-service.ts';
import { ReplaceUser } from '../../../../src/application/users/replace-user.ts';
import { UpdateUser } from '../../../../src/application/users/update-user.ts';
import type { User } from '../../../../src/domain/user.ts';
import { aUser } from '../../../support/builders.ts';
import { InMemoryUnitOfWork } from '../../../support/in-memory-unit-of-work.ts';
import { CountingHasher, CountingUnitOfWork } from '../counting-ports.ts';
import { makeService, rejectionOf, seed, stored } from '../harness.ts';

const UNKNOWN_ID = '0190a6f0-1234-7abc-8def-0123456789ab';
const ALICE_PASSWORD = "alice's password";

function actorOf(user: User): Actor {
  return { userId: user.id, role: user.role };
}

function principalOf(user: User, sessionId = 'session-1'): Principal {
  return { userId: user.id, email: user.email, role: user.role, tokenId: 'token-1', sessionId, expiresAt: new Date('2100-01-01') };
}

/** Alice (a member, acting) and Bob (another member), stored; the service counts I/O and hashing. */
async function withMembers(aliceStatus: User['status'] = 'active') {
  const service = makeService(new CountingUnitOfWork(new InMemoryUnitOfWork()));
  const alice = aUser().withName('Alice').withStatus(aliceStatus).withPasswordHash(await service.hasher.hash(ALICE_PASSWORD)).build();
  const bob = aUser().withName('Bob').withPasswordHash('bob-hash').build();
  await seed(service.uow, alice, bob);
  const hasher = new CountingHasher();
  const deps = { uow: service.uow, ids: service.ids, clock: service.clock, hasher, users: service.users, access: service.access, failures: service.failures };
  const member = actorOf(alice);
  const asAlice = {
    ...service.as(member),
    updateUser: { execute: (input: Parameters<UpdateUser['execute']>[0]) => new UpdateUser(deps).execute(input, member) },
    replaceUser: { execute: (input: Parameters<ReplaceUser['execute']>[0]) => new ReplaceUser(deps).execute(input, member) },
  };
  return { service, alice, bob, hasher, asAlice };
}

describe('authorization of the user use cases', () => {
  describe('a member', () => {
    it('may list and get users: others as public profiles, itself in full', async () => {
      const { alice, bob, asAlice } = await withMembers();
      const { items } = await asAlice.listUsers.execute({ limit: 10 });
      expect(items.map(({ user }) => user.id).sort()).toEqual([alice.id, bob.id].sort());
      expect(await asAlice.getUser.execute({ id: bob.id })).toStrictEqual({ visibility: 'public', user: { id: bob.id, name: bob.name, createdAt: bob.createdAt } });
      expect(await asAlice.getUser.execute({ id: alice.id })).toMatchObject({ visibility: 'full', user: { email: alice.email, version: alice.version } });
    });

    it('may not create a user: FORBIDDEN and nothing stored', async () => {
      const { service, asAlice } = await withMembers();
      const error = await rejectionOf(asAlice.createUser.execute({ name: 'Eve', email: 'eve@example.com', password: 'a long password' }));
      expect(error).toMatchObject({ code: 'FORBIDDEN', message: 'Missing permission: users:write' });
      expect((service.uow.inner as InMemoryUnitOfWork).users.rows.size).toBe(2);
    });

    it('may delete nobody, itself included: FORBIDDEN and the rows stay', async () => {
      const { service, alice, bob, asAlice } = await withMembers();
      for (const user of [bob, alice]) {
        const error = await rejectionOf(asAlice.deleteUser.execute({ id: user.id }));
        expect(error).toMatchObject({ code: 'FORBIDDEN', message: 'Missing permission: users:delete' });
        expect(await stored(service.uow, user.id)).toEqual(user);
      }
    });

    it('may PATCH its own name, email and password', async () => {
      const { service, alice, asAlice } = await withMembers();
      const user = await asAlice.updateUser.execute({
        id: alice.id,
        name: 'Alicia',
        email: 'alicia@example.com',
        password: 'a new password',
        currentPassword: ALICE_PASSWORD,
      });
      expect(user).toMatchObject({ name: 'Alicia', email: 'alicia@example.com', role: 'member', status: 'active', version: 2 });
      const row = await stored(service.uow, alice.id);
      expect(row).toEqual(user);
      expect(await service.hasher.verify('a new password', row?.passwordHash as string)).toBe(true);
    });

    it('recognises itself by an id in upper case', async () => {
      const { service, alice, asAlice } = await withMembers();
      await asAlice.updateUser.execute({ id: requireUserId(alice.id.toUpperCase()), name: 'Alicia' });
      expect((await stored(service.uow, alice.id))?.name).toBe('Alicia');
    });

    it('may not PATCH its own role or status to another value: FORBIDDEN and the row unchanged', async () => {
      const { service, alice, asAlice } = await withMembers();
      const attempts = [
        [{ role: 'admin' }, 'Not allowed to change your own role'],
        [{ status: 'inactive' }, 'Not allowed to change your own status'],
        [{ status: 'suspended', name: 'Sneaky' }, 'Not allowed to change your own status'],
        [{ role: 'admin', name: 'Sneaky', password: 'a new password', currentPassword: ALICE_PASSWORD }, 'Not allowed to change your own role'],
      ] as const;
      for (const [changes, message] of attempts) {
        const error = await rejectionOf(asAlice.updateUser.execute({ id: alice.id, ...changes }));
        expect(error).toMatchObject({ code: 'FORBIDDEN', message });
      }
      expect(await stored(service.uow, alice.id)).toEqual(alice);
    });

    it('may PATCH its role and status when they repeat the current values', async () => {
      const { service, alice, asAlice } = await withMembers();
      const user = await asAlice.updateUser.execute({ id: alice.id, role: 'member', status: 'active', name: 'Alicia' });
      expect(user).toMatchObject({ name: 'Alicia', role: 'member', status: 'active', version: 2 });
      expect(await stored(service.uow, alice.id)).toEqual(user);
    });

    it('has its role and status compared with the stored row, not with what its token says', async () => {
      // Alice is stored inactive; her token (the actor) says nothing about status.
      const { service, alice, asAlice } = await withMembers('inactive');
      expect(await asAlice.updateUser.execute({ id: alice.id, status: 'inactive', name: 'Alicia' })).toMatchObject({ status: 'inactive' });
      const error = await rejectionOf(asAlice.updateUser.execute({ id: alice.id, status: 'active' }));
      expect(error).toMatchObject({ code: 'FORBIDDEN', message: 'Not allowed to change your own status' });
      expect((await stored(service.uow, alice.id))?.status).toBe('inactive');
    });

    it('may PUT itself repeating its role and status, and not with another one', async () => {
      const { service, alice, asAlice } = await withMembers();
      const base = { id: alice.id, name: 'Alicia', email: alice.email, role: 'member', status: 'active' } as const;
      const user = await asAlice.replaceUser.execute(base);
      expect(user).toMatchObject({ name: 'Alicia', role: 'member', status: 'active', version: 2 });

      const role = await rejectionOf(asAlice.replaceUser.execute({ ...base, name: 'Other', role: 'admin' }));
      expect(role).toMatchObject({ code: 'FORBIDDEN', message: 'Not allowed to change your own role' });
      const status = await rejectionOf(asAlice.replaceUser.execute({ ...base, name: 'Other', status: 'suspended' }));
      expect(status).toMatchObject({ code: 'FORBIDDEN', message: 'Not allowed to change your own status' });
      expect(await stored(service.uow, alice.id)).toEqual(user);
    });

    it('may not PUT or PATCH another user, existing or not, well-formed or not: FORBIDDEN before any I/O or hashing', async () => {
      const { service, alice, bob, hasher, asAlice } = await withMembers();
      const uow = service.uow;
      uow.reads = 0;
      uow.transactions = 0;
      // A malformed id never reaches a use case: the guard answers it 403 first (e2e authorization-matrix).
      for (const id of [bob.id, requireUserId(UNKNOWN_ID), requireUserId(bob.id.toUpperCase())]) {
        const patch = await rejectionOf(asAlice.updateUser.execute({ id, name: 'Hacked', password: 'a new password' }));
        expect(patch).toMatchObject({ code: 'FORBIDDEN', message: 'Not allowed to change another user' });
        const put = await rejectionOf(
          asAlice.replaceUser.execute({ id, name: 'Hacked', email: 'hacked@example.com', role: 'member', status: 'active', password: 'a new password' }),
        );
        expect(put).toMatchObject({ code: 'FORBIDDEN', message: 'Not allowed to change another user' });
      }
      // Invalid fields do not turn the answer into a 400 that would reveal anything either.
      const invalid = await rejectionOf(asAlice.updateUser.execute({ id: bob.id, name: '', password: 'x' }));
      expect(invalid.code).toBe('FORBIDDEN');
      expect(hasher.hashes).toBe(0);
      expect({ reads: uow.reads, transactions: uow.transactions }).toEqual({ reads: 0, transactions: 0 });
      expect(await stored(uow, bob.id)).toEqual(bob);
      expect(await stored(uow, alice.id)).toEqual(alice);
    });
  });

  describe('an admin', () => {
    it('may create, change anyone (role and status included) and delete', async () => {
      const { service, bob } = await withMembers();
      const created = await service.createUser.execute({ name: 'Eve', email: 'eve@example.com', role: 'admin', status: 'inactive' });
      expect(await stored(service.uow, created.id)).toEqual(created);
      const patched = await service.updateUser.execute({ id: bob.id, role: 'admin', status: 'suspended' });
      expect(patched).toMatchObject({ role: 'admin', status: 'suspended' });
      const put = await service.replaceUser.execute({ id: bob.id, name: 'Robert', email: bob.email, role: 'member', status: 'active' });
      expect(put).toMatchObject({ name: 'Robert', role: 'member', status: 'active' });
      await service.deleteUser.execute({ id: bob.id });
      expect(await stored(service.uow, bob.id)).toBeNull();
    });

    it('may change its own role (an admin is not bound by the self rule)', async () => {
      const { service } = await withMembers();
      const carol = aUser().withRole('admin').build();
      await seed(service.uow, carol);
      const user = await service.as(actorOf(carol)).updateUser.execute({ id: carol.id, role: 'member' });
      expect(user.role).toBe('member');
    });
  });

  describe('the system actor', () => {
    it('may create a user', async () => {
      const { service } = await withMembers();
      const user = await service.as(SYSTEM_ACTOR).createUser.execute({ name: 'Root', email: 'root@example.com', role: 'admin' });
      expect(await stored(service.uow, user.id)).toEqual(user);
      expect(user.role).toBe('admin');
    });
  });

  describe('a change of who may act reaches AccountAccess at once', () => {
    it('a user suspended by an admin (PATCH) is locked out on its next check', async () => {
      const { service, bob } = await withMembers();
      await expect(service.access.check(principalOf(bob))).resolves.toMatchObject({ userId: bob.id });
      await service.updateUser.execute({ id: bob.id, status: 'suspended' });
      expect(await rejectionOf(service.access.check(principalOf(bob)))).toMatchObject({ code: 'UNAUTHORIZED' });
    });

    it('a user suspended by an admin (PUT) is locked out on its next check', async () => {
      const { service, bob } = await withMembers();
      await service.access.check(principalOf(bob));
      await service.replaceUser.execute({ id: bob.id, name: bob.name, email: bob.email, role: 'member', status: 'suspended' });
      expect(await rejectionOf(service.access.check(principalOf(bob)))).toMatchObject({ code: 'UNAUTHORIZED' });
    });

    it('a promotion is seen on the next check', async () => {
      const { service, bob } = await withMembers();
      expect((await service.access.check(principalOf(bob))).role).toBe('member');
      await service.updateUser.execute({ id: bob.id, role: 'admin' });
      expect((await service.access.check(principalOf(bob))).role).toBe('admin');
    });

    it('a deleted user is locked out on its next check', async () => {
      const { service, bob } = await withMembers();
      await service.access.check(principalOf(bob));
      await service.deleteUser.execute({ id: bob.id });
      expect(await rejectionOf(service.access.check(principalOf(bob)))).toMatchObject({ code: 'UNAUTHORIZED' });
    });
  });
});
