import { describe, expect, it } from 'vitest';
import { aUser } from '../../../support/builders.ts';
import { InMemoryUnitOfWork } from '../../../support/in-memory-unit-of-work.ts';
import { InterferingUnitOfWork, makeService, rejectionOf, seed, stored } from '../harness.ts';

/** A service whose every write races `times` writes by another client on the same row. */
async function racing(times: number) {
  const inner = new InMemoryUnitOfWork();
  const alice = aUser().withName('Alice').withEmail('alice@example.com').build();
  await seed(inner, alice);
  const uow = new InterferingUnitOfWork(inner, times);
  return { service: makeService(uow), uow, alice };
}

describe('a write racing another between read and write', () => {
  it('the interference itself commits (sanity check of the harness)', async () => {
    const { service, uow, alice } = await racing(1);
    await service.updateUser.execute({ id: alice.id, role: 'admin' });
    expect(uow.interferences).toBe(1);
  });

  describe.each([
    ['UpdateUser', (s: Awaited<ReturnType<typeof racing>>) => s.service.updateUser.execute({ id: s.alice.id, role: 'admin', ifMatch: [1] })],
    [
      'ReplaceUser',
      (s: Awaited<ReturnType<typeof racing>>) =>
        s.service.replaceUser.execute({ id: s.alice.id, name: 'Alice', email: 'alice@example.com', status: 'active', role: 'admin', ifMatch: [1] }),
    ],
  ])('%s', (_name, write) => {
    it('with If-Match naming the version read: PRECONDITION_FAILED, and the other write survives', async () => {
      const race = await racing(1);
      const error = await rejectionOf(write(race));
      expect(error.code).toBe('PRECONDITION_FAILED');
      expect(race.uow.interferences).toBe(1);
      expect(await stored(race.uow, race.alice.id)).toMatchObject({ name: 'Changed elsewhere 1', role: 'member', version: 2 });
    });
  });

  it('UpdateUser without If-Match re-applies its change on top of the other write: neither is lost', async () => {
    const { service, uow, alice } = await racing(1);
    const user = await service.updateUser.execute({ id: alice.id, role: 'admin' });
    expect(user).toMatchObject({ name: 'Changed elsewhere 1', role: 'admin', version: 3 });
    expect(await stored(uow, alice.id)).toEqual(user);
  });

  it('UpdateUser without If-Match gives up with CONFLICT when it keeps losing, leaving the others’ writes', async () => {
    const { service, uow, alice } = await racing(Number.POSITIVE_INFINITY);
    const error = await rejectionOf(service.updateUser.execute({ id: alice.id, role: 'admin' }));
    expect(error.code).toBe('CONFLICT');
    const row = await stored(uow, alice.id);
    expect(row?.role).toBe('member');
    expect(row?.version).toBe(1 + uow.interferences);
    expect(uow.interferences).toBeGreaterThan(1);
  });

  it('DeleteUser with If-Match naming the version read: PRECONDITION_FAILED, the user stays', async () => {
    const { service, uow, alice } = await racing(1);
    const error = await rejectionOf(service.deleteUser.execute({ id: alice.id, ifMatch: [1] }));
    expect(error.code).toBe('PRECONDITION_FAILED');
    expect(await stored(uow, alice.id)).toMatchObject({ name: 'Changed elsewhere 1', version: 2 });
  });

  it('DeleteUser without If-Match retries and deletes', async () => {
    const { service, uow, alice } = await racing(1);
    await service.deleteUser.execute({ id: alice.id });
    expect(uow.interferences).toBe(1);
    expect(await stored(uow, alice.id)).toBeNull();
  });

  it('DeleteUser without If-Match gives up with CONFLICT when it keeps losing', async () => {
    const { service, uow, alice } = await racing(Number.POSITIVE_INFINITY);
    expect((await rejectionOf(service.deleteUser.execute({ id: alice.id }))).code).toBe('CONFLICT');
    expect(await stored(uow, alice.id)).not.toBeNull();
  });
});
