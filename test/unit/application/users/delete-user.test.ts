import { describe, expect, it } from 'vitest';
import { requireUserId } from '../../../../src/domain/user.ts';
import { aUser } from '../../../support/builders.ts';
import { makeService, rejectionOf, seed, stored } from '../harness.ts';

async function withAliceAndBob() {
  const service = makeService();
  const alice = aUser().withVersion(3).build();
  const bob = aUser().build();
  await seed(service.uow, alice, bob);
  return { service, alice, bob };
}

describe('DeleteUser', () => {
  it('deletes the user and only that user', async () => {
    const { service, alice, bob } = await withAliceAndBob();
    await expect(service.deleteUser.execute({ id: alice.id })).resolves.toBeUndefined();
    expect(await stored(service.uow, alice.id)).toBeNull();
    expect(await stored(service.uow, bob.id)).toEqual(bob);
  });

  it('answers NOT_FOUND to a second delete of the same id', async () => {
    const { service, alice } = await withAliceAndBob();
    await service.deleteUser.execute({ id: alice.id });
    const error = await rejectionOf(service.deleteUser.execute({ id: alice.id }));
    expect(error).toMatchObject({ code: 'NOT_FOUND', message: 'User not found' });
  });

  it('answers NOT_FOUND for an unknown or malformed id', async () => {
    const { service } = await withAliceAndBob();
    for (const id of ['0190a6f0-1234-7abc-8def-0123456789ab', 'x', '']) {
      expect(await rejectionOf(() => service.deleteUser.execute({ id: requireUserId(id) }))).toMatchObject({ code: 'NOT_FOUND', message: 'User not found' });
    }
    expect(service.uow.users.rows.size).toBe(2);
  });

  it('accepts the id in upper case', async () => {
    const { service, alice } = await withAliceAndBob();
    await service.deleteUser.execute({ id: requireUserId(alice.id.toUpperCase()) });
    expect(await stored(service.uow, alice.id)).toBeNull();
  });

  describe('If-Match', () => {
    it("'*' deletes whatever the version", async () => {
      const { service, alice } = await withAliceAndBob();
      await service.deleteUser.execute({ id: alice.id, ifMatch: '*' });
      expect(await stored(service.uow, alice.id)).toBeNull();
    });

    it('a list naming the current version deletes', async () => {
      const { service, alice } = await withAliceAndBob();
      await service.deleteUser.execute({ id: alice.id, ifMatch: [1, 3] });
      expect(await stored(service.uow, alice.id)).toBeNull();
    });

    it('a list without the current version is PRECONDITION_FAILED and deletes nothing', async () => {
      const { service, alice } = await withAliceAndBob();
      for (const ifMatch of [[1], [2, 4], []] as number[][]) {
        expect((await rejectionOf(service.deleteUser.execute({ id: alice.id, ifMatch }))).code).toBe('PRECONDITION_FAILED');
      }
      expect(await stored(service.uow, alice.id)).toEqual(alice);
    });

    it('a delete of an already deleted user is NOT_FOUND even with If-Match', async () => {
      const { service, alice } = await withAliceAndBob();
      await service.deleteUser.execute({ id: alice.id, ifMatch: [3] });
      expect((await rejectionOf(service.deleteUser.execute({ id: alice.id, ifMatch: [3] }))).code).toBe('NOT_FOUND');
    });
  });
});
