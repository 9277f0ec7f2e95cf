import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../../src/application/shared/actor.ts';
import { UpdateUser } from '../../../../src/application/users/update-user.ts';
import type { User } from '../../../../src/domain/user.ts';
import { aUser } from '../../../support/builders.ts';
import { InMemoryUnitOfWork } from '../../../support/in-memory-unit-of-work.ts';
import { CountingHasher, CountingUnitOfWork } from '../counting-ports.ts';
import { makeService, rejectionOf, seed, stored } from '../harness.ts';

const PASSWORD = "alice's password";

/** Alice, a member with a real (cheap) hash, acting for herself; hashing and reads are counted. */
async function alice() {
  const uow = new CountingUnitOfWork(new InMemoryUnitOfWork());
  const service = makeService(uow);
  const user = aUser().withName('Alice').withEmail('alice@example.com').withPasswordHash(await service.hasher.hash(PASSWORD)).build();
  await seed(uow, user);
  const hasher = new CountingHasher();
  const self: Actor = { userId: user.id, role: 'member', sessionId: null };
  const update = new UpdateUser({ uow, ids: service.ids, clock: service.clock, hasher, users: service.users, access: service.access, failures: service.failures });
  const patch = (input: Omit<Parameters<UpdateUser['execute']>[0], 'id'>) => update.execute({ id: user.id, ...input }, self);
  return { service, uow, user, hasher, patch };
}

describe('currentPassword on a change of oneself (use cases, in-memory adapters)', () => {
  it('neither reads ahead nor hashes when no credential changes: a name, the same email in another case', async () => {
    const { uow, hasher, patch } = await alice();
    const readsBefore = uow.reads;
    await patch({ name: 'Alicia' });
    expect(uow.reads).toBe(readsBefore);
    await patch({ email: ' ALICE@example.com ', name: 'Alicia B.' });
    expect([hasher.hashes, hasher.verifies]).toEqual([0, 0]);
  });

  it('verifies once and hashes once for a password change', async () => {
    const { service, user, hasher, patch } = await alice();
    await patch({ password: 'a new password', currentPassword: PASSWORD });
    expect([hasher.hashes, hasher.verifies]).toEqual([1, 1]);
    expect(await service.hasher.verify('a new password', (await stored(service.uow, user.id))?.passwordHash as string)).toBe(true);
  });

  it('names a missing currentPassword with every other field at fault, before any I/O', async () => {
    const { uow, hasher, patch } = await alice();
    const readsBefore = uow.reads;
    const error = await rejectionOf(patch({ name: ' ', password: 'short' }));
    expect(error.code).toBe('VALIDATION_ERROR');
    expect(Object.keys(error.fields ?? {}).sort()).toEqual(['currentPassword', 'name', 'password']);
    expect([uow.reads, hasher.hashes, hasher.verifies]).toEqual([readsBefore, 0, 0]);
  });

  it('refuses a wrong currentPassword with 403 before hashing the new password', async () => {
    const { service, user, hasher, patch } = await alice();
    const error = await rejectionOf(patch({ email: 'mallory@example.com', password: 'a new password', currentPassword: 'not it' }));
    expect(error).toMatchObject({ code: 'FORBIDDEN', message: 'Current password is incorrect' });
    expect([hasher.hashes, hasher.verifies]).toEqual([0, 1]);
    expect(await stored(service.uow, user.id)).toEqual(user);
  });

  it('voids a proof when the password changes between the check and the transaction', async () => {
    const { service, uow, user, patch } = await alice();
    const { gate, reached } = uow.holdNextRead();
    const slow = patch({ password: 'mine now', currentPassword: PASSWORD });
    await reached.opened; // the proof's read is done; an admin resets the password meanwhile
    const reset = await service.updateUser.execute({ id: user.id, password: 'set by an admin' });
    gate.open();
    expect(await rejectionOf(slow)).toMatchObject({ code: 'FORBIDDEN', message: 'Current password is incorrect' });
    expect((await stored(service.uow, user.id))?.passwordHash).toBe(reset.passwordHash);
  });

  it('demands currentPassword when the email changed between the check and the transaction', async () => {
    const { service, uow, user, patch } = await alice();
    const { gate, reached } = uow.holdNextRead();
    const slow = patch({ email: 'alice@example.com' }); // no change when read...
    await reached.opened;
    await service.updateUser.execute({ id: user.id, email: 'alice.new@example.com' }); // ...but one by the time it writes
    gate.open();
    const error = await rejectionOf(slow);
    expect(error.code).toBe('VALIDATION_ERROR');
    expect(Object.keys(error.fields ?? {})).toEqual(['currentPassword']);
    expect((await stored(service.uow, user.id))?.email).toBe('alice.new@example.com');
  });

  it('asks an admin changing another user for no currentPassword', async () => {
    const { service, user } = await alice();
    const before = (await stored(service.uow, user.id)) as User;
    const changed = await service.updateUser.execute({ id: user.id, email: 'moved@example.com', password: 'reset by admin' });
    expect(changed).toMatchObject({ email: 'moved@example.com', version: before.version + 1 });
  });
});
