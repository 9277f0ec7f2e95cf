import { describe, expect, it } from 'vitest';
import { requireUserId } from '../../../../src/domain/user.ts';
import { aUser } from '../../../support/builders.ts';
import { EPOCH } from '../../../support/fixed-clock.ts';
import { makeService, rejectionOf, seed, stored } from '../harness.ts';

const replacement = { name: 'Alicia', email: 'Alicia@Example.com', status: 'inactive', role: 'admin' } as const;

async function withAlice() {
  const service = makeService();
  const alice = aUser().withName('Alice').withEmail('alice@example.com').withPasswordHash('old-hash').build();
  await seed(service.uow, alice);
  return { service, alice };
}

describe('ReplaceUser', () => {
  it('replaces every writable field, bumps version and updatedAt, keeps id, createdAt and password', async () => {
    const { service, alice } = await withAlice();
    const now = service.clock.advance(5_000);
    const user = await service.replaceUser.execute({ id: alice.id, ...replacement });
    expect(user).toEqual({
      id: alice.id,
      name: 'Alicia',
      email: 'alicia@example.com',
      status: 'inactive',
      role: 'admin',
      passwordHash: 'old-hash',
      createdAt: EPOCH,
      updatedAt: now,
      version: 2,
    });
    expect(await stored(service.uow, alice.id)).toEqual(user);
  });

  it('sets a new password as a verifiable hash', async () => {
    const { service, alice } = await withAlice();
    const user = await service.replaceUser.execute({ id: alice.id, ...replacement, password: 'brand new password' });
    expect(user.passwordHash).not.toBe('old-hash');
    expect(user.passwordHash).not.toContain('brand new password');
    expect(await service.hasher.verify('brand new password', user.passwordHash as string)).toBe(true);
  });

  it('leaves the version alone when the replacement equals what is stored', async () => {
    const { service, alice } = await withAlice();
    service.clock.advance(5_000);
    const user = await service.replaceUser.execute({
      id: alice.id,
      name: ' Alice ',
      email: 'ALICE@example.com',
      status: 'active',
      role: 'member',
    });
    expect(user).toEqual(alice);
    expect(await stored(service.uow, alice.id)).toEqual(alice);
  });

  it('reports every invalid field at once, password included, and changes nothing', async () => {
    const { service, alice } = await withAlice();
    const error = await rejectionOf(
      service.replaceUser.execute({
        id: alice.id,
        name: '',
        email: 'alice at example.com',
        status: 'gone' as never,
        role: 'god' as never,
        password: '1234',
      }),
    );
    expect(error.code).toBe('VALIDATION_ERROR');
    expect(Object.keys(error.fields ?? {}).sort()).toEqual(['email', 'name', 'password', 'role', 'status']);
    expect(await stored(service.uow, alice.id)).toEqual(alice);
  });

  it('refuses another user’s email, in any case, as CONFLICT on `email`', async () => {
    const { service, alice } = await withAlice();
    await seed(service.uow, aUser().withEmail('bob@example.com').build());
    const error = await rejectionOf(service.replaceUser.execute({ id: alice.id, ...replacement, email: 'BOB@example.com' }));
    expect(error.code).toBe('CONFLICT');
    expect(error.fields).toEqual({ email: 'Email is already in use' });
    expect(await stored(service.uow, alice.id)).toEqual(alice);
  });

  it('answers NOT_FOUND for an unknown or malformed id', async () => {
    const { service } = await withAlice();
    for (const id of ['0190a6f0-1234-7abc-8def-0123456789ab', 'nope']) {
      const error = await rejectionOf(() => service.replaceUser.execute({ id: requireUserId(id), ...replacement }));
      expect(error.code).toBe('NOT_FOUND');
      expect(error.message).toBe('User not found');
    }
  });

  describe('If-Match', () => {
    it("'*' matches any current version", async () => {
      const { service, alice } = await withAlice();
      const user = await service.replaceUser.execute({ id: alice.id, ...replacement, ifMatch: '*' });
      expect(user.version).toBe(2);
    });

    it('a list naming the current version matches', async () => {
      const { service, alice } = await withAlice();
      const user = await service.replaceUser.execute({ id: alice.id, ...replacement, ifMatch: [7, 1, 3] });
      expect(user.version).toBe(2);
    });

    it('a list without the current version is PRECONDITION_FAILED and changes nothing', async () => {
      const { service, alice } = await withAlice();
      for (const ifMatch of [[2], [0, 3], []] as number[][]) {
        const error = await rejectionOf(service.replaceUser.execute({ id: alice.id, ...replacement, ifMatch }));
        expect(error.code).toBe('PRECONDITION_FAILED');
      }
      expect(await stored(service.uow, alice.id)).toEqual(alice);
    });

    it('a stale version fails after another write, the fresh one succeeds', async () => {
      const { service, alice } = await withAlice();
      await service.replaceUser.execute({ id: alice.id, ...replacement, ifMatch: [1] });
      const stale = await rejectionOf(service.replaceUser.execute({ id: alice.id, ...replacement, name: 'Third', ifMatch: [1] }));
      expect(stale.code).toBe('PRECONDITION_FAILED');
      const fresh = await service.replaceUser.execute({ id: alice.id, ...replacement, name: 'Third', ifMatch: [2] });
      expect(fresh).toMatchObject({ name: 'Third', version: 3 });
    });
  });
});
