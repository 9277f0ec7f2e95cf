import { describe, expect, it } from 'vitest';
import { inMemoryCaches } from '../../../support/caches.ts';
import type { Repositories, UnitOfWork } from '../../../../src/application/ports/unit-of-work.ts';
import { CreateUser } from '../../../../src/application/users/create-user.ts';
import { EnsureAdmin } from '../../../../src/application/users/ensure-admin.ts';
import { UpdateUser } from '../../../../src/application/users/update-user.ts';
import type { User } from '../../../../src/domain/user.ts';
import { aUser } from '../../../support/builders.ts';
import { FixedClock } from '../../../support/fixed-clock.ts';
import { InMemoryUnitOfWork } from '../../../support/in-memory-unit-of-work.ts';
import { SequentialIds } from '../../../support/sequential-ids.ts';
import { CountingHasher, Gate } from '../counting-ports.ts';
import { seed, signInFailures } from '../harness.ts';

const ADMIN_EMAIL = 'root@example.com';
const ADMIN_PASSWORD = 'the admin password';

function makeEnsureAdmin(uow: UnitOfWork = new InMemoryUnitOfWork()) {
  const clock = new FixedClock();
  const ids = new SequentialIds();
  const hasher = new CountingHasher();
  const { access, users } = inMemoryCaches(uow, clock);
  const create = new CreateUser({ uow, ids, clock, hasher, users });
  const update = new UpdateUser({ uow, ids, clock, hasher, users, access, failures: signInFailures(clock) });
  return { uow, hasher, access, ensureAdmin: new EnsureAdmin({ uow, hasher, create, update }) };
}

function rowsWithEmail(db: InMemoryUnitOfWork, email: string): User[] {
  return [...db.users.rows.values()].filter((user) => user.email === email);
}

/**
 * Lets no read answer until `parties` reads have been made: every concurrent run has looked for
 * the account before any of them creates it, which is the race two starting instances can run into.
 */
class BarrierUnitOfWork implements UnitOfWork {
  readonly inner: InMemoryUnitOfWork;
  readonly #all = new Gate();
  #waiting: number;

  constructor(inner: InMemoryUnitOfWork, parties: number) {
    this.inner = inner;
    this.#waiting = parties;
  }

  transaction<T>(work: (repos: Repositories) => Promise<T>): Promise<T> {
    return this.inner.transaction(work);
  }

  async read<T>(work: (repos: Repositories) => Promise<T>): Promise<T> {
    const result = await this.inner.read(work);
    if (--this.#waiting === 0) this.#all.open();
    await this.#all.opened;
    return result;
  }
}

describe('EnsureAdmin', () => {
  it("creates an active admin with the password when the account is missing: 'created'", async () => {
    const db = new InMemoryUnitOfWork();
    const { ensureAdmin, hasher } = makeEnsureAdmin(db);
    expect(await ensureAdmin.execute({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD })).toBe('created');
    const [admin, ...others] = rowsWithEmail(db, ADMIN_EMAIL);
    expect(others).toHaveLength(0);
    expect(admin).toMatchObject({ role: 'admin', status: 'active', name: 'Administrator' });
    expect(await hasher.verify(ADMIN_PASSWORD, admin?.passwordHash as string)).toBe(true);
  });

  it("answers 'unchanged' on a second run and writes nothing", async () => {
    const db = new InMemoryUnitOfWork();
    const { ensureAdmin } = makeEnsureAdmin(db);
    await ensureAdmin.execute({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD });
    const before = rowsWithEmail(db, ADMIN_EMAIL);
    expect(await ensureAdmin.execute({ email: ` ${ADMIN_EMAIL.toUpperCase()} `, password: 'a different password' })).toBe('unchanged');
    expect(rowsWithEmail(db, ADMIN_EMAIL)).toEqual(before);
  });

  for (const [role, status] of [
    ['member', 'active'],
    ['member', 'suspended'],
    ['admin', 'suspended'],
    ['member', 'inactive'],
  ] as const) {
    it(`promotes a ${status} ${role} whose password is ADMIN_PASSWORD to an active admin, keeping its hash: 'promoted'`, async () => {
      const db = new InMemoryUnitOfWork();
      const { ensureAdmin, hasher } = makeEnsureAdmin(db);
      const ownHash = await hasher.hash(ADMIN_PASSWORD);
      const existing = aUser().withEmail(ADMIN_EMAIL).withRole(role).withStatus(status).withPasswordHash(ownHash).build();
      await seed(db, existing);
      const hashesBefore = hasher.hashes;
      expect(await ensureAdmin.execute({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD })).toBe('promoted');
      const row = db.users.rows.get(existing.id);
      expect(row).toMatchObject({ role: 'admin', status: 'active', passwordHash: ownHash, name: existing.name });
      expect(hasher.hashes).toBe(hashesBefore);
      expect(db.users.rows.size).toBe(1);
      expect(await ensureAdmin.execute({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD })).toBe('unchanged');
    });

    it(`refuses to promote a ${status} ${role} with another password, or none, and changes nothing`, async () => {
      for (const passwordHash of [await new CountingHasher().hash('a stranger chose this'), null]) {
        const db = new InMemoryUnitOfWork();
        const { ensureAdmin } = makeEnsureAdmin(db);
        const existing = aUser().withEmail(ADMIN_EMAIL).withRole(role).withStatus(status).withPasswordHash(passwordHash).build();
        await seed(db, existing);
        await expect(ensureAdmin.execute({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD })).rejects.toMatchObject({
          code: 'CONFLICT',
          message: expect.stringMatching(/^ADMIN_EMAIL names an existing .* whose password is not ADMIN_PASSWORD: refusing to promote it/),
        });
        expect(db.users.rows.get(existing.id)).toEqual(existing);
      }
    });
  }

  it('a promotion reaches AccountAccess: a previously suspended account may act again at once', async () => {
    const db = new InMemoryUnitOfWork();
    const { ensureAdmin, access } = makeEnsureAdmin(db);
    const existing = aUser().withEmail(ADMIN_EMAIL).withStatus('suspended').withPasswordHash(await new CountingHasher().hash(ADMIN_PASSWORD)).build();
    await seed(db, existing);
    const principal = { userId: existing.id, email: existing.email, role: existing.role, tokenId: 't', sessionId: 's', expiresAt: new Date('2100-01-01') };
    await expect(access.check(principal)).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await ensureAdmin.execute({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD });
    expect((await access.check(principal)).role).toBe('admin');
  });

  it('two runs at once, both finding no account, leave exactly one admin row', async () => {
    const db = new InMemoryUnitOfWork();
    const { ensureAdmin } = makeEnsureAdmin(new BarrierUnitOfWork(db, 2));
    const outcomes = await Promise.all([
      ensureAdmin.execute({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD }),
      ensureAdmin.execute({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD }),
    ]);
    expect(outcomes.sort()).toEqual(['created', 'unchanged']);
    expect(rowsWithEmail(db, ADMIN_EMAIL)).toHaveLength(1);
    expect(db.users.rows.size).toBe(1);
    expect(rowsWithEmail(db, ADMIN_EMAIL)[0]).toMatchObject({ role: 'admin', status: 'active' });
  });

  it('two runs at once over a plain unit of work leave exactly one admin row', async () => {
    const db = new InMemoryUnitOfWork();
    const { ensureAdmin } = makeEnsureAdmin(db);
    const outcomes = await Promise.all([
      ensureAdmin.execute({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD }),
      ensureAdmin.execute({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD }),
    ]);
    expect(outcomes.sort()).toEqual(['created', 'unchanged']);
    expect(db.users.rows.size).toBe(1);
  });
});
