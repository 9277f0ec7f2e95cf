import { describe, expect, it } from 'vitest';
import { aUser } from '../../../support/builders.ts';
import { EPOCH } from '../../../support/fixed-clock.ts';
import { SequentialIds } from '../../../support/sequential-ids.ts';
import { CreateUser } from '../../../../src/application/users/create-user.ts';
import { ADMIN, makeService, rejectionOf, seed, stored } from '../harness.ts';

describe('CreateUser', () => {
  it('creates a user with the next id, the clock time, defaults, a normalised email, at version 1', async () => {
    const service = makeService();
    const user = await service.createUser.execute({ name: '  Alice  ', email: ' Alice@Example.COM ' });
    expect(user).toEqual({
      id: SequentialIds.nth(1),
      name: 'Alice',
      email: 'alice@example.com',
      status: 'active',
      role: 'member',
      passwordHash: null,
      createdAt: EPOCH,
      updatedAt: EPOCH,
      version: 1,
    });
    expect(await stored(service.uow, user.id)).toEqual(user);
  });

  it('keeps a given status and role', async () => {
    const service = makeService();
    const user = await service.createUser.execute({ name: 'Root', email: 'root@example.com', status: 'inactive', role: 'admin' });
    expect(user.status).toBe('inactive');
    expect(user.role).toBe('admin');
  });

  it('gives successive users distinct ids and the time of their creation', async () => {
    const service = makeService();
    const first = await service.createUser.execute({ name: 'A', email: 'a@example.com' });
    const later = service.clock.advance(60_000);
    const second = await service.createUser.execute({ name: 'B', email: 'b@example.com' });
    expect(second.id).not.toBe(first.id);
    expect(second.createdAt).toEqual(later);
    expect(first.createdAt).toEqual(EPOCH);
  });

  it('stores a hash of the password that verifies, never the password itself', async () => {
    const service = makeService();
    const password = 'S3cret-passw0rd!';
    const user = await service.createUser.execute({ name: 'Alice', email: 'alice@example.com', password });
    const row = await stored(service.uow, user.id);
    expect(row?.passwordHash).toEqual(expect.any(String));
    expect(row?.passwordHash).not.toBe(password);
    expect(JSON.stringify(row)).not.toContain(password);
    expect(JSON.stringify(user)).not.toContain(password);
    expect(await service.hasher.verify(password, row?.passwordHash as string)).toBe(true);
    expect(await service.hasher.verify('another password', row?.passwordHash as string)).toBe(false);
  });

  it('reports every invalid field at once, the password included, and stores nothing', async () => {
    const service = makeService();
    const error = await rejectionOf(
      service.createUser.execute({
        name: ' ',
        email: 'not-an-email',
        password: 'short',
        status: 'deleted' as never,
        role: 'owner' as never,
      }),
    );
    expect(error.code).toBe('VALIDATION_ERROR');
    expect(error.fields).toEqual({
      name: 'Name must not be empty',
      email: 'Email must be a valid email address',
      password: 'Password must be at least 8 characters',
      status: 'Status must be one of active, inactive, suspended',
      role: 'Role must be one of admin, member',
    });
    expect(service.uow.users.rows.size).toBe(0);
  });

  it('reports a bad password on its own when every other field is fine', async () => {
    const service = makeService();
    const error = await rejectionOf(
      service.createUser.execute({ name: 'Alice', email: 'alice@example.com', password: 'p'.repeat(129) }),
    );
    expect(error.code).toBe('VALIDATION_ERROR');
    expect(error.fields).toEqual({ password: 'Password must be at most 128 characters' });
    expect(service.uow.users.rows.size).toBe(0);
  });

  it('reports the other fields when the password is fine', async () => {
    const service = makeService();
    const error = await rejectionOf(
      service.createUser.execute({ name: 'n'.repeat(101), email: 'alice@example.com', password: 'long enough' }),
    );
    expect(error.fields).toEqual({ name: 'Name must be at most 100 characters' });
  });

  it('accepts passwords of exactly 8 and 128 characters', async () => {
    const service = makeService();
    await service.createUser.execute({ name: 'A', email: 'a@example.com', password: '12345678' });
    await service.createUser.execute({ name: 'B', email: 'b@example.com', password: 'p'.repeat(128) });
    expect(service.uow.users.rows.size).toBe(2);
  });

  it('refuses an email already in use as a CONFLICT on `email`, whatever its case', async () => {
    const service = makeService();
    const existing = aUser().withEmail('taken@example.com').build();
    await seed(service.uow, existing);
    for (const email of ['taken@example.com', 'TAKEN@Example.com', '  Taken@EXAMPLE.COM ']) {
      const error = await rejectionOf(service.createUser.execute({ name: 'Copycat', email, password: 'password123' }));
      expect(error.code).toBe('CONFLICT');
      expect(error.fields).toEqual({ email: 'Email is already in use' });
    }
    expect([...service.uow.users.rows.values()]).toEqual([existing]);
  });

  it('refuses a taken email before hashing the password, so a flood of sign-ups with it costs no hash', async () => {
    const service = makeService();
    await seed(service.uow, aUser().withEmail('taken@example.com').build());
    let hashes = 0;
    const counting = { hash: async (password: string) => (hashes++, service.hasher.hash(password)), verify: service.hasher.verify.bind(service.hasher) };
    const create = new CreateUser({ uow: service.uow, ids: service.ids, clock: service.clock, hasher: counting, users: service.users });
    const error = await rejectionOf(create.execute({ name: 'Copycat', email: 'Taken@example.com', password: 'password123' }, ADMIN));
    expect(error.code).toBe('CONFLICT');
    expect(hashes).toBe(0);
  });

  it('lets a rejected email be used once it is free again', async () => {
    const service = makeService();
    const first = await service.createUser.execute({ name: 'A', email: 'a@example.com' });
    await service.deleteUser.execute({ id: first.id });
    const second = await service.createUser.execute({ name: 'A again', email: 'A@example.com' });
    expect(second.email).toBe('a@example.com');
  });
});
