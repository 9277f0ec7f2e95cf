import { describe, expect, it } from 'vitest';
import { requireUserId } from '../../../../src/domain/user.ts';
import { aUser } from '../../../support/builders.ts';
import { EPOCH } from '../../../support/fixed-clock.ts';
import { makeService, rejectionOf, seed, stored } from '../harness.ts';

async function withAlice() {
  const service = makeService();
  const alice = aUser().withName('Alice').withEmail('alice@example.com').withPasswordHash('old-hash').build();
  await seed(service.uow, alice);
  return { service, alice };
}

describe('UpdateUser', () => {
  it('changes only the fields given and bumps version and updatedAt', async () => {
    const { service, alice } = await withAlice();
    const now = service.clock.advance(1_000);
    const user = await service.updateUser.execute({ id: alice.id, role: 'admin' });
    expect(user).toEqual({ ...alice, role: 'admin', updatedAt: now, version: 2 });
    expect(await stored(service.uow, alice.id)).toEqual(user);
  });

  it('normalises what it changes', async () => {
    const { service, alice } = await withAlice();
    const user = await service.updateUser.execute({ id: alice.id, name: '  Al ', email: ' AL@Example.com ' });
    expect(user).toMatchObject({ name: 'Al', email: 'al@example.com' });
  });

  it('changes the password alone, storing a verifiable hash', async () => {
    const { service, alice } = await withAlice();
    const user = await service.updateUser.execute({ id: alice.id, password: 'a new password' });
    expect(user.version).toBe(2);
    expect(user.name).toBe('Alice');
    expect(await service.hasher.verify('a new password', (await stored(service.uow, alice.id))?.passwordHash as string)).toBe(
      true,
    );
  });

  it('a no-op update keeps version and updatedAt and writes nothing', async () => {
    const { service, alice } = await withAlice();
    service.clock.advance(60_000);
    for (const input of [{}, { name: 'Alice' }, { email: 'ALICE@EXAMPLE.COM' }, { status: 'active', role: 'member' }] as const) {
      const user = await service.updateUser.execute({ id: alice.id, ...input });
      expect(user).toEqual(alice);
    }
    expect(await stored(service.uow, alice.id)).toEqual(alice);
  });

  it('reports every invalid field at once, password included', async () => {
    const { service, alice } = await withAlice();
    const error = await rejectionOf(
      service.updateUser.execute({ id: alice.id, email: 'bad@', password: 'x'.repeat(200), role: 'Admin' as never }),
    );
    expect(error.code).toBe('VALIDATION_ERROR');
    expect(error.fields).toEqual({
      email: 'Email must be a valid email address',
      password: 'Password must be at most 128 characters',
      role: 'Role must be one of admin, member',
    });
    expect(await stored(service.uow, alice.id)).toEqual(alice);
  });

  it('refuses another user’s email as CONFLICT on `email`', async () => {
    const { service, alice } = await withAlice();
    await seed(service.uow, aUser().withEmail('bob@example.com').build());
    const error = await rejectionOf(service.updateUser.execute({ id: alice.id, email: 'Bob@Example.com' }));
    expect(error.code).toBe('CONFLICT');
    expect(error.fields).toEqual({ email: 'Email is already in use' });
  });

  it('answers NOT_FOUND for an unknown or malformed id', async () => {
    const { service } = await withAlice();
    for (const id of ['0190a6f0-1234-7abc-8def-0123456789ab', '1']) {
      const error = await rejectionOf(() => service.updateUser.execute({ id: requireUserId(id), name: 'X' }));
      expect(error).toMatchObject({ code: 'NOT_FOUND', message: 'User not found' });
    }
  });

  it('answers NOT_FOUND for a malformed id before checking fields or hashing', async () => {
    const { service } = await withAlice();
    const error = await rejectionOf(() => service.updateUser.execute({ id: requireUserId('not-a-uuid'), name: '', password: 'short' }));
    expect(error).toMatchObject({ code: 'NOT_FOUND', message: 'User not found' });
  });

  describe('If-Match', () => {
    it("'*' and a list naming the current version match", async () => {
      const { service, alice } = await withAlice();
      expect((await service.updateUser.execute({ id: alice.id, name: 'B', ifMatch: '*' })).version).toBe(2);
      expect((await service.updateUser.execute({ id: alice.id, name: 'C', ifMatch: [1, 2] })).version).toBe(3);
    });

    it('a list without the current version is PRECONDITION_FAILED, for a no-op too', async () => {
      const { service, alice } = await withAlice();
      const changing = await rejectionOf(service.updateUser.execute({ id: alice.id, name: 'B', ifMatch: [2] }));
      expect(changing.code).toBe('PRECONDITION_FAILED');
      const noop = await rejectionOf(service.updateUser.execute({ id: alice.id, name: 'Alice', ifMatch: [2] }));
      expect(noop.code).toBe('PRECONDITION_FAILED');
      expect(await stored(service.uow, alice.id)).toEqual(alice);
    });

    it('a no-op does not invalidate the client’s version', async () => {
      const { service, alice } = await withAlice();
      await service.updateUser.execute({ id: alice.id, status: 'active', ifMatch: [1] });
      const user = await service.updateUser.execute({ id: alice.id, status: 'suspended', ifMatch: [1] });
      expect(user).toMatchObject({ status: 'suspended', version: 2, createdAt: EPOCH });
    });
  });
});
