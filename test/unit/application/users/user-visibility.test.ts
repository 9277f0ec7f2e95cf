import { describe, expect, it } from 'vitest';
import { requireUserId } from '../../../../src/domain/user.ts';
import { SYSTEM_ACTOR, type Actor } from '../../../../src/application/shared/actor.ts';
import { JobScheduler } from '../../../../src/application/jobs/job-scheduler.ts';
import type { OffsetPagination } from '../../../../src/application/shared/paging.ts';
import { StartUsersExport } from '../../../../src/application/jobs/start-users-export.ts';
import type { SeenUser } from '../../../../src/application/users/user-visibility.ts';
import type { User } from '../../../../src/domain/user.ts';
import { aUser } from '../../../support/builders.ts';
import { ADMIN, makeService, rejectionOf, seed } from '../harness.ts';

/**
 * API.md, "Who sees what", decided by the use cases from the actor: these run them with the
 * in-memory adapters and no HTTP at all, as a CLI or a job would call them.
 */

const at = (day: number) => new Date(Date.UTC(2024, 0, day));
const grace = aUser().withName('Grace').withEmail('grace@ops.example').withRole('admin').createdAt(at(1)).build();
const sam = aUser().withName('Sam').withEmail('sam@ops.example').withStatus('suspended').createdAt(at(2)).build();
const mallory = aUser().withName('Mallory').withEmail('mallory@example.com').createdAt(at(3)).build();
const MALLORY: Actor = { userId: mallory.id, role: 'member' };

async function directory() {
  const service = makeService();
  await seed(service.uow, grace, sam, mallory);
  return service;
}

const profileOf = (user: User): SeenUser => ({ visibility: 'public', user: { id: user.id, name: user.name, createdAt: user.createdAt } });
const fullOf = ({ passwordHash: _secret, ...view }: User): SeenUser => ({ visibility: 'full', user: view });

describe('GetUser decides what the actor sees', () => {
  it('gives a member another user as a public profile: id, name and createdAt, nothing else', async () => {
    const service = await directory();
    const seen = await service.as(MALLORY).getUser.execute({ id: grace.id });
    expect(seen).toStrictEqual(profileOf(grace));
  });

  it('gives a member itself in full', async () => {
    const service = await directory();
    expect(await service.as(MALLORY).getUser.execute({ id: requireUserId(mallory.id.toUpperCase()) })).toStrictEqual(fullOf(mallory));
  });

  it.each([
    ['an admin', ADMIN],
    ['the system', SYSTEM_ACTOR],
  ])('gives %s every user in full', async (_who, actor) => {
    const service = await directory();
    for (const user of [grace, sam, mallory]) expect(await service.as(actor).getUser.execute({ id: user.id })).toStrictEqual(fullOf(user));
  });
});

describe('ListUsers decides what a member may ask and see', () => {
  it('lists others as profiles and the member itself in full, with the true totals', async () => {
    const service = await directory();
    const { items, pagination } = await service.as(MALLORY).listUsers.execute({ limit: 10, sort: 'createdAt' });
    expect(items).toStrictEqual([profileOf(grace), profileOf(sam), fullOf(mallory)]);
    expect((pagination as OffsetPagination).total).toBe(3);
  });

  it.each([
    [{ status: 'suspended' as const }, 'Not allowed to filter users by status'],
    [{ role: 'admin' as const }, 'Not allowed to filter users by role'],
    [{ sort: 'email' }, 'Not allowed to sort users by email'],
    [{ sort: '-createdAt,-email' }, 'Not allowed to sort users by email'],
  ])('refuses a member %j with FORBIDDEN', async (query, message) => {
    const service = await directory();
    const error = await rejectionOf(service.as(MALLORY).listUsers.execute({ limit: 10, ...query }));
    expect(error).toMatchObject({ code: 'FORBIDDEN', message });
  });

  it('still answers a malformed sort with a 400 on sort, whoever asks', async () => {
    const error = await rejectionOf((await directory()).as(MALLORY).listUsers.execute({ limit: 10, sort: 'password' }));
    expect(error.code).toBe('VALIDATION_ERROR');
    expect(error.fields).toHaveProperty('sort');
  });

  it("matches a member's search against names only, an admin's against emails too", async () => {
    const service = await directory();
    const asMember = await service.as(MALLORY).listUsers.execute({ limit: 10, search: 'ops.example' });
    expect(asMember).toMatchObject({ items: [], pagination: { total: 0 } });
    expect((await service.as(MALLORY).listUsers.execute({ limit: 10, search: 'GRA' })).items).toStrictEqual([profileOf(grace)]);
    const asAdmin = await service.listUsers.execute({ limit: 10, search: 'ops.example', sort: 'email' });
    expect(asAdmin.items).toStrictEqual([fullOf(grace), fullOf(sam)]);
  });

  it("lets an admin filter by role and status and sort by email, and refuses an admin's cursor to a member", async () => {
    const service = await directory();
    expect((await service.listUsers.execute({ limit: 10, role: 'admin' })).items).toStrictEqual([fullOf(grace)]);
    expect((await service.listUsers.execute({ limit: 10, status: 'suspended' })).items).toStrictEqual([fullOf(sam)]);
    const first = await service.listUsers.execute({ limit: 1, sort: 'name' });
    const cursor = first.pagination.nextCursor as string;
    expect((await service.listUsers.execute({ limit: 1, sort: 'name', cursor })).items).toHaveLength(1);
    const error = await rejectionOf(service.as(MALLORY).listUsers.execute({ limit: 1, sort: 'name', cursor }));
    expect(error.fields).toHaveProperty('cursor');
  });

  it("pages a member's list by cursor, as profiles all the way", async () => {
    const service = await directory();
    const member = service.as(MALLORY).listUsers;
    const first = await member.execute({ limit: 2, sort: 'name' });
    const second = await member.execute({ limit: 2, sort: 'name', cursor: first.pagination.nextCursor as string });
    expect([...first.items, ...second.items]).toStrictEqual([profileOf(grace), fullOf(mallory), profileOf(sam)]);
    expect(second.pagination.nextCursor).toBeNull();
  });
});

describe('StartUsersExport needs users:export', () => {
  function exporter(service: Awaited<ReturnType<typeof directory>>) {
    return { start: new StartUsersExport({ uow: service.uow, scheduler: new JobScheduler({ ids: service.ids, clock: service.clock }) }) };
  }

  it('refuses a member, whatever the filters, and queues nothing', async () => {
    const service = await directory();
    const { start } = exporter(service);
    for (const filters of [{}, { role: 'admin' as const }, { search: 'ops' }]) {
      const error = await rejectionOf(start.execute(filters, MALLORY));
      expect(error).toMatchObject({ code: 'FORBIDDEN', message: 'Missing permission: users:export' });
    }
    expect(service.uow.jobs.rows.size).toBe(0);
    expect(service.uow.outbox.jobRows.size).toBe(0);
  });

  it('queues an admin\'s export, owned by the admin', async () => {
    const service = await directory();
    const { start } = exporter(service);
    const job = await start.execute({ role: 'admin' }, ADMIN);
    expect(job).toMatchObject({ type: 'users.export', ownerId: ADMIN.userId, data: { role: 'admin' } });
    expect([...service.uow.outbox.jobRows.keys()]).toEqual([job.id]);
  });
});
