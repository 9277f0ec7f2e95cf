import { describe, expect, it } from 'vitest';
import { requireUserId } from '../../../../src/domain/user.ts';
import { aUser } from '../../../support/builders.ts';
import { makeService, rejectionOf, seed } from '../harness.ts';

describe('GetUser', () => {
  it('returns the stored user in full to an admin, without its password hash', async () => {
    const service = makeService();
    const alice = aUser().withName('Alice').withPasswordHash('h').build();
    await seed(service.uow, alice, aUser().build());
    const { passwordHash: _secret, ...view } = alice;
    expect(await service.getUser.execute({ id: alice.id })).toStrictEqual({ visibility: 'full', user: view });
  });

  it('finds a user by its id in upper case too', async () => {
    const service = makeService();
    const alice = aUser().build();
    await seed(service.uow, alice);
    expect((await service.getUser.execute({ id: requireUserId(alice.id.toUpperCase()) })).user.id).toBe(alice.id);
  });

  it('answers NOT_FOUND "User not found" for a well-formed id of no user', async () => {
    const service = makeService();
    await seed(service.uow, aUser().build());
    const error = await rejectionOf(service.getUser.execute({ id: requireUserId('0190a6f0-1234-7abc-8def-0123456789ab') }));
    expect(error.code).toBe('NOT_FOUND');
    expect(error.message).toBe('User not found');
    expect(error.fields).toBeUndefined();
  });

  it.each(['', 'abc', '42', 'not-a-uuid-at-all-but-36-characters!', '../etc/passwd'])(
    'answers the same NOT_FOUND for the malformed id %j',
    async (id) => {
      const error = await rejectionOf(() => makeService().getUser.execute({ id: requireUserId(id) }));
      expect(error.code).toBe('NOT_FOUND');
      expect(error.message).toBe('User not found');
    },
  );

  it('no longer finds a deleted user', async () => {
    const service = makeService();
    const alice = aUser().build();
    await seed(service.uow, alice);
    await service.deleteUser.execute({ id: alice.id });
    expect((await rejectionOf(service.getUser.execute({ id: alice.id }))).code).toBe('NOT_FOUND');
  });
});
