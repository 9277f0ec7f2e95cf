import { describe, expect, it } from 'vitest';
import { requireUserId } from '../../../../src/domain/user.ts';
import type { Actor } from '../../../../src/application/shared/actor.ts';
import { postRepresentation, userRepresentation } from '../../../../src/application/shared/representations.ts';
import type { DomainEvent } from '../../../../src/domain/events.ts';
import { createPost, requirePostId, type Post, type PostId } from '../../../../src/domain/post.ts';
import { aUser } from '../../../support/builders.ts';
import { EPOCH } from '../../../support/fixed-clock.ts';
import type { Repositories } from '../../../../src/application/ports/unit-of-work.ts';
import { InMemoryUnitOfWork } from '../../../support/in-memory-unit-of-work.ts';
import { SequentialIds } from '../../../support/sequential-ids.ts';
import { InterferingUnitOfWork, makeService, rejectionOf, seed } from '../harness.ts';
import { actorOf, makePostService } from '../post-service.ts';

const UNKNOWN_ID = '0190a6f0-1234-7abc-8def-0123456789ab';
const UNKNOWN_USER = requireUserId(UNKNOWN_ID);
const UNKNOWN_POST = requirePostId(UNKNOWN_ID);
const postIdOf = (n: number) => SequentialIds.nth(0x2_0000_0000 + n) as PostId;
const USER_KEYS = ['createdAt', 'email', 'id', 'name', 'role', 'status', 'updatedAt'];
const POST_KEYS = ['authorId', 'body', 'createdAt', 'id', 'status', 'title', 'updatedAt'];

/** The outbox's events, oldest first, as plain copies (so a later change cannot alter a snapshot). */
const eventsIn = (tables: InMemoryUnitOfWork): DomainEvent[] => structuredClone(tables.outbox.events());

const ALICE_PASSWORD = "alice's password";

/** Alice (a member with a password) and Bob, stored; the clock moved on so writes get a later time. */
async function users() {
  const service = makeService();
  const alice = aUser().withName('Alice').withEmail('alice@example.com').withPasswordHash(await service.hasher.hash(ALICE_PASSWORD)).build();
  const bob = aUser().withName('Bob').withEmail('bob@example.com').build();
  await seed(service.uow, alice, bob);
  const asAlice: Actor = { userId: alice.id, role: 'member' };
  const recorded = () => eventsIn(service.uow);
  /** Runs `write` and returns the events it recorded (the outbox held none before). */
  const recordedBy = async <T>(write: () => Promise<T>): Promise<{ result: T; events: DomainEvent[] }> => {
    expect(recorded()).toEqual([]);
    service.clock.advance(1_234);
    const result = await write();
    return { result, events: recorded() };
  };
  return { service, alice, bob, asAlice, recorded, recordedBy };
}

/** The event's whole shape: a unique id (not the resource's), the type, the data, the clock's time. */
function expectEvent(event: DomainEvent | undefined, type: DomainEvent['type'], data: Record<string, unknown>, now: Date): void {
  expect(event).toStrictEqual({ id: expect.any(String), type, data, timestamp: now.getTime() });
  expect(event?.id).not.toBe(data.id);
}

describe('recorded events: users', () => {
  it('creating a user records one user.created with the user as the API shows it, never its password hash', async () => {
    const w = await users();
    const { result: user, events } = await w.recordedBy(() =>
      w.service.createUser.execute({ name: 'Carol', email: 'Carol@Example.com', password: 'a long enough password', role: 'admin' }),
    );
    expect(events).toHaveLength(1);
    expectEvent(events[0], 'user.created', userRepresentation(user), w.service.clock.now());
    expect(Object.keys(events[0]?.data ?? {}).sort()).toEqual(USER_KEYS);
    expect(events[0]?.data).toMatchObject({ id: user.id, email: 'carol@example.com', role: 'admin' });
    expect(user.passwordHash).toEqual(expect.any(String));
    const body = JSON.stringify(events[0]);
    expect(body).not.toContain(user.passwordHash as string);
    expect(body).not.toMatch(/password|version/i);
  });

  it('creating a user without a password records user.created too', async () => {
    const w = await users();
    const { result: user, events } = await w.recordedBy(() => w.service.createUser.execute({ name: 'Dave', email: 'dave@example.com' }));
    expect(events).toHaveLength(1);
    expectEvent(events[0], 'user.created', userRepresentation(user), w.service.clock.now());
  });

  it('a PATCH records one user.updated with the user after the change', async () => {
    const w = await users();
    const { result: user, events } = await w.recordedBy(() => w.service.updateUser.execute({ id: w.alice.id, name: 'Alicia', role: 'admin' }));
    expect(user).toMatchObject({ name: 'Alicia', role: 'admin', version: 2 });
    expect(events).toHaveLength(1);
    expectEvent(events[0], 'user.updated', userRepresentation(user), w.service.clock.now());
    expect(events[0]?.data.updatedAt).toBe(w.service.clock.now().toISOString());
  });

  it('a PUT records one user.updated with the user after the change', async () => {
    const w = await users();
    const { result: user, events } = await w.recordedBy(() =>
      w.service.replaceUser.execute({ id: w.alice.id, name: 'Alice L.', email: 'alice.l@example.com', status: 'suspended', role: 'member' }),
    );
    expect(events).toHaveLength(1);
    expectEvent(events[0], 'user.updated', userRepresentation(user), w.service.clock.now());
    expect(events[0]?.data).toMatchObject({ email: 'alice.l@example.com', status: 'suspended' });
  });

  it('a PATCH and a PUT by the user itself record user.updated', async () => {
    const w = await users();
    const patched = await w.recordedBy(() => w.service.as(w.asAlice).updateUser.execute({ id: w.alice.id, name: 'Me' }));
    expect(patched.events).toHaveLength(1);
    expectEvent(patched.events[0], 'user.updated', userRepresentation(patched.result), w.service.clock.now());

    w.service.uow.outbox.rows.clear();
    const put = await w.recordedBy(() =>
      w.service.as(w.asAlice).replaceUser.execute({
        id: w.alice.id,
        name: 'Myself',
        email: 'me@example.com',
        status: 'active',
        role: 'member',
        currentPassword: ALICE_PASSWORD,
      }),
    );
    expect(put.events).toHaveLength(1);
    expectEvent(put.events[0], 'user.updated', userRepresentation(put.result), w.service.clock.now());
  });

  it('a password change records user.updated without the password or its hash', async () => {
    const w = await users();
    const { result: user, events } = await w.recordedBy(() =>
      w.service.as(w.asAlice).updateUser.execute({ id: w.alice.id, password: 'a brand new password', currentPassword: ALICE_PASSWORD }),
    );
    expect(events).toHaveLength(1);
    expectEvent(events[0], 'user.updated', userRepresentation(user), w.service.clock.now());
    const body = JSON.stringify(events[0]);
    expect(body).not.toContain('a brand new password');
    expect(body).not.toContain(user.passwordHash as string);
    expect(body).not.toMatch(/password/i);
  });

  it('deleting a user records one user.deleted with its id alone (its posts go with it, without events of their own)', async () => {
    const w = await users();
    await w.service.uow.transaction(async ({ posts }) => {
      for (const n of [1, 2]) await posts.add(createPost({ id: postIdOf(n), authorId: w.alice.id, title: `Post ${n}`, body: '', now: EPOCH }));
    });
    const { events } = await w.recordedBy(() => w.service.deleteUser.execute({ id: w.alice.id }));
    expect(w.service.uow.posts.rows.size).toBe(0);
    expect(events).toHaveLength(1);
    expectEvent(events[0], 'user.deleted', { id: w.alice.id }, w.service.clock.now());
  });

  it('a write that changes nothing records nothing', async () => {
    const w = await users();
    const { alice } = w;
    w.service.clock.advance(60_000);
    await w.service.updateUser.execute({ id: alice.id });
    await w.service.updateUser.execute({ id: alice.id, name: 'Alice', email: 'ALICE@example.com', role: 'member', status: 'active' });
    await w.service.replaceUser.execute({ id: alice.id, name: ' Alice ', email: alice.email, status: alice.status, role: alice.role });
    await w.service.as(w.asAlice).updateUser.execute({ id: alice.id, role: 'member' });
    expect(w.recorded()).toEqual([]);
  });

  it('a write retried after a concurrent change records one event, with the state it finally wrote', async () => {
    const tables = new InMemoryUnitOfWork();
    const service = makeService(new InterferingUnitOfWork(tables, 1));
    const alice = aUser().withName('Alice').build();
    await seed(tables, alice);
    const user = await service.updateUser.execute({ id: alice.id, role: 'admin' });
    expect(service.uow.interferences).toBe(1);
    expect(user).toMatchObject({ name: 'Changed elsewhere 1', role: 'admin', version: 3 });
    const events = eventsIn(tables);
    expect(events).toHaveLength(1);
    expectEvent(events[0], 'user.updated', userRepresentation(user), service.clock.now());
  });

  describe('a refused write records nothing and leaves the outbox as it was', () => {
    /** Alice's earlier change is in the outbox; the refused write must neither add nor drop anything. */
    async function withEarlierEvent() {
      const w = await users();
      await w.service.updateUser.execute({ id: w.bob.id, name: 'Robert' });
      const before = w.recorded();
      expect(before).toHaveLength(1);
      const expectUnchanged = () => expect(w.recorded()).toEqual(before);
      return { ...w, before, expectUnchanged };
    }

    it('409: creating with an email in use (with a password, and without one)', async () => {
      const w = await withEarlierEvent();
      const withPassword = await rejectionOf(w.service.createUser.execute({ name: 'X', email: 'ALICE@example.com', password: 'a long enough password' }));
      expect(withPassword.code).toBe('CONFLICT');
      // Without a password the unique index decides, inside the transaction, after the user was added.
      const without = await rejectionOf(w.service.createUser.execute({ name: 'X', email: 'alice@example.com' }));
      expect(without.code).toBe('CONFLICT');
      w.expectUnchanged();
    });

    it('409: changing the email to one in use (PATCH and PUT)', async () => {
      const w = await withEarlierEvent();
      expect((await rejectionOf(w.service.updateUser.execute({ id: w.alice.id, email: 'bob@example.com' }))).code).toBe('CONFLICT');
      expect(
        (await rejectionOf(w.service.replaceUser.execute({ id: w.alice.id, name: 'A', email: 'bob@example.com', status: 'active', role: 'member' })))
          .code,
      ).toBe('CONFLICT');
      w.expectUnchanged();
    });

    it('412: If-Match naming another version (PATCH, PUT, DELETE)', async () => {
      const w = await withEarlierEvent();
      const { alice } = w;
      const codes = [
        await rejectionOf(w.service.updateUser.execute({ id: alice.id, name: 'New', ifMatch: [alice.version + 1] })),
        await rejectionOf(
          w.service.replaceUser.execute({ id: alice.id, name: 'New', email: alice.email, status: 'active', role: 'member', ifMatch: [99] }),
        ),
        await rejectionOf(w.service.deleteUser.execute({ id: alice.id, ifMatch: [99] })),
      ].map((error) => error.code);
      expect(codes).toEqual(['PRECONDITION_FAILED', 'PRECONDITION_FAILED', 'PRECONDITION_FAILED']);
      w.expectUnchanged();
    });

    it('403: a member writing another user, changing its own role, creating or deleting users', async () => {
      const w = await withEarlierEvent();
      const asAlice = w.service.as(w.asAlice);
      const codes = [
        await rejectionOf(asAlice.updateUser.execute({ id: w.bob.id, name: 'Hacked' })),
        await rejectionOf(asAlice.replaceUser.execute({ id: w.bob.id, name: 'Hacked', email: 'bob@example.com', status: 'active', role: 'member' })),
        await rejectionOf(asAlice.updateUser.execute({ id: w.alice.id, role: 'admin' })),
        await rejectionOf(asAlice.updateUser.execute({ id: w.alice.id, name: 'Still me', status: 'suspended' })),
        await rejectionOf(asAlice.createUser.execute({ name: 'New', email: 'new@example.com' })),
        await rejectionOf(asAlice.deleteUser.execute({ id: w.bob.id })),
        await rejectionOf(asAlice.deleteUser.execute({ id: w.alice.id })),
      ].map((error) => error.code);
      expect(codes).toEqual(Array(7).fill('FORBIDDEN'));
      w.expectUnchanged();
    });

    it('404: writing or deleting a user that does not exist', async () => {
      const w = await withEarlierEvent();
      const codes = [
        await rejectionOf(w.service.updateUser.execute({ id: UNKNOWN_USER, name: 'Nobody' })),
        await rejectionOf(w.service.replaceUser.execute({ id: UNKNOWN_USER, name: 'Nobody', email: 'n@example.com', status: 'active', role: 'member' })),
        await rejectionOf(w.service.deleteUser.execute({ id: UNKNOWN_USER })),
        await rejectionOf(() => w.service.deleteUser.execute({ id: requireUserId('not-a-uuid') })),
      ].map((error) => error.code);
      expect(codes).toEqual(Array(4).fill('NOT_FOUND'));
      w.expectUnchanged();
    });

    it('422: invalid input', async () => {
      const w = await withEarlierEvent();
      expect((await rejectionOf(w.service.createUser.execute({ name: ' ', email: 'bad@' }))).code).toBe('VALIDATION_ERROR');
      expect((await rejectionOf(w.service.updateUser.execute({ id: w.alice.id, email: 'bad@' }))).code).toBe('VALIDATION_ERROR');
      w.expectUnchanged();
    });
  });
});

/** Alice and Bob (members) and Root (an admin), stored, with the post use cases. */
async function posts() {
  const service = makePostService();
  const alice = aUser().withName('Alice').build();
  const bob = aUser().withName('Bob').build();
  const root = aUser().withName('Root').withRole('admin').build();
  await seed(service.tables, alice, bob, root);
  const recorded = () => eventsIn(service.tables);
  const write = (actor: Actor, input: { title?: string; body?: string; status?: Post['status'] } = {}) => {
    service.clock.advance(1_234);
    return service.create.execute({ title: 'A title', body: 'A body', ...input }, actor);
  };
  return { ...service, alice, bob, root, asAlice: actorOf(alice), asBob: actorOf(bob), asRoot: actorOf(root), recorded, write };
}

function onlyEvent(events: DomainEvent[]): DomainEvent | undefined {
  expect(events).toHaveLength(1);
  return events[0];
}

describe('recorded events: posts', () => {
  it('creating a post records one post.created with the post as the API shows it', async () => {
    const w = await posts();
    const post = await w.write(w.asAlice, { title: 'Hello ✓', body: 'Ünïcode body\nline two', status: 'published' });
    const event = onlyEvent(w.recorded());
    expectEvent(event, 'post.created', postRepresentation(post), w.clock.now());
    expect(Object.keys(event?.data ?? {}).sort()).toEqual(POST_KEYS);
    expect(event?.data).toMatchObject({ authorId: w.alice.id, title: 'Hello ✓', status: 'published' });
  });

  it('updating a post, by its author or an admin, records post.updated with the post after the change', async () => {
    const w = await posts();
    const post = await w.write(w.asAlice);
    w.tables.outbox.rows.clear();

    w.clock.advance(1_000);
    const byAuthor = await w.update.execute({ id: post.id, title: 'Edited', status: 'published' }, w.asAlice);
    expectEvent(onlyEvent(w.recorded()), 'post.updated', postRepresentation(byAuthor), w.clock.now());

    w.tables.outbox.rows.clear();
    w.clock.advance(1_000);
    const byAdmin = await w.update.execute({ id: post.id, body: 'Moderated' }, w.asRoot);
    expect(byAdmin.version).toBe(3);
    expectEvent(onlyEvent(w.recorded()), 'post.updated', postRepresentation(byAdmin), w.clock.now());
  });

  it('deleting a post records one post.deleted with its id alone', async () => {
    const w = await posts();
    const post = await w.write(w.asAlice, { status: 'published' });
    w.tables.outbox.rows.clear();
    w.clock.advance(1_000);
    await w.remove.execute({ id: post.id }, w.asRoot);
    expectEvent(onlyEvent(w.recorded()), 'post.deleted', { id: post.id }, w.clock.now());
  });

  it('an update that changes nothing records nothing', async () => {
    const w = await posts();
    const post = await w.write(w.asAlice, { title: 'Same', body: 'Same body' });
    w.tables.outbox.rows.clear();
    w.clock.advance(60_000);
    await w.update.execute({ id: post.id }, w.asAlice);
    await w.update.execute({ id: post.id, title: '  Same  ', body: 'Same body', status: 'draft' }, w.asAlice);
    expect(w.recorded()).toEqual([]);
  });

  it('a refused post write (403, 404, 412, 422) records nothing and leaves the outbox as it was', async () => {
    const w = await posts();
    const published = await w.write(w.asAlice, { status: 'published' });
    const draft = await w.write(w.asAlice);
    const before = w.recorded();
    expect(before.map((event) => event.type)).toEqual(['post.created', 'post.created']);

    const codes = [
      await rejectionOf(w.update.execute({ id: published.id, title: 'Not yours' }, w.asBob)),
      await rejectionOf(w.remove.execute({ id: published.id }, w.asBob)),
      await rejectionOf(w.update.execute({ id: draft.id, title: 'Cannot see it' }, w.asBob)),
      await rejectionOf(w.remove.execute({ id: draft.id }, w.asBob)),
      await rejectionOf(w.update.execute({ id: UNKNOWN_POST, title: 'Nothing' }, w.asRoot)),
      await rejectionOf(w.remove.execute({ id: UNKNOWN_POST }, w.asRoot)),
      await rejectionOf(w.update.execute({ id: published.id, title: 'Stale', ifMatch: [published.version + 1] }, w.asAlice)),
      await rejectionOf(w.remove.execute({ id: published.id, ifMatch: [99] }, w.asAlice)),
      await rejectionOf(w.update.execute({ id: published.id, title: ' ' }, w.asAlice)),
      await rejectionOf(w.create.execute({ title: ' ', body: '' }, w.asAlice)),
    ].map((error) => error.code);
    expect(codes).toEqual([
      'FORBIDDEN',
      'FORBIDDEN',
      'NOT_FOUND',
      'NOT_FOUND',
      'NOT_FOUND',
      'NOT_FOUND',
      'PRECONDITION_FAILED',
      'PRECONDITION_FAILED',
      'VALIDATION_ERROR',
      'VALIDATION_ERROR',
    ]);
    expect(w.recorded()).toEqual(before);
  });
});

describe('recorded events: ids and timestamps', () => {
  it('every event has an id of its own, drawn from the id generator, and the clock\'s time when it happened', async () => {
    const w = await users();
    const p = await posts();
    const times: number[] = [];
    const step = async <T,>(write: () => Promise<T>, clock: { advance(ms: number): Date }): Promise<T> => {
      times.push(clock.advance(1_000 + times.length).getTime());
      return write();
    };
    const carol = await step(() => w.service.createUser.execute({ name: 'Carol', email: 'carol@example.com' }), w.service.clock);
    await step(() => w.service.updateUser.execute({ id: carol.id, name: 'Caroline' }), w.service.clock);
    await step(() => w.service.updateUser.execute({ id: carol.id, role: 'admin' }), w.service.clock);
    await step(() => w.service.deleteUser.execute({ id: carol.id }), w.service.clock);
    const userEvents = w.recorded();

    const post = await step(() => p.create.execute({ title: 'T', body: 'B' }, p.asAlice), p.clock);
    await step(() => p.update.execute({ id: post.id, title: 'T2' }, p.asAlice), p.clock);
    await step(() => p.remove.execute({ id: post.id }, p.asAlice), p.clock);
    const postEvents = p.recorded();

    const events = [...userEvents, ...postEvents];
    expect(events.map((event) => event.type)).toEqual([
      'user.created',
      'user.updated',
      'user.updated',
      'user.deleted',
      'post.created',
      'post.updated',
      'post.deleted',
    ]);
    expect(events.map((event) => event.timestamp)).toEqual(times);
    // The two services each have their own SequentialIds: ids are unique within each.
    for (const [recorded, own] of [
      [userEvents, [carol.id]],
      [postEvents, [post.id]],
    ] as const) {
      const ids = recorded.map((event) => event.id);
      expect(new Set(ids).size).toBe(ids.length);
      for (const id of ids) {
        expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
        expect(own).not.toContain(id);
      }
      // Drawn in order, so the outbox hands them out in the order they were recorded.
      expect([...ids].sort()).toEqual(ids);
    }
  });
});

/** The tables, but recording an event fails: what a change does when its event cannot be recorded. */
class OutboxFailingUnitOfWork extends InMemoryUnitOfWork {
  override transaction<T>(work: (repos: Repositories) => Promise<T>): Promise<T> {
    return super.transaction((repos) =>
      work({
        ...repos,
        outbox: {
          add: async () => {
            throw new Error('the outbox refused the event');
          },
          addJob: async () => {
            throw new Error('the outbox refused the job');
          },
        },
      }),
    );
  }
}

describe('recorded events: one transaction with the change', () => {
  it('a user change whose event cannot be recorded does not happen (create, PATCH, PUT, DELETE)', async () => {
    const tables = new OutboxFailingUnitOfWork();
    const service = makeService(tables);
    const alice = aUser().withName('Alice').withEmail('alice@example.com').build();
    await seed(tables, alice);
    const rows = () => structuredClone([...tables.users.rows.entries()]);
    const before = rows();
    await expect(service.createUser.execute({ name: 'Carol', email: 'carol@example.com' })).rejects.toThrow('the outbox refused the event');
    await expect(service.updateUser.execute({ id: alice.id, name: 'Alicia' })).rejects.toThrow('the outbox refused the event');
    await expect(
      service.replaceUser.execute({ id: alice.id, name: 'Alicia', email: alice.email, status: 'active', role: 'member' }),
    ).rejects.toThrow('the outbox refused the event');
    await expect(service.deleteUser.execute({ id: alice.id })).rejects.toThrow('the outbox refused the event');
    expect(rows()).toEqual(before);
  });

  it('a post change whose event cannot be recorded does not happen (create, update, delete)', async () => {
    const tables = new OutboxFailingUnitOfWork();
    const service = makePostService(tables);
    const alice = aUser().withName('Alice').build();
    await seed(tables, alice);
    const post = createPost({ id: UNKNOWN_ID as PostId, authorId: alice.id, title: 'T', body: 'B', now: EPOCH });
    await tables.posts.add(post);
    const rows = () => structuredClone([...tables.posts.rows.entries()]);
    const before = rows();
    await expect(service.create.execute({ title: 'New', body: '' }, actorOf(alice))).rejects.toThrow('the outbox refused the event');
    await expect(service.update.execute({ id: post.id, title: 'Edited' }, actorOf(alice))).rejects.toThrow('the outbox refused the event');
    await expect(service.remove.execute({ id: post.id }, actorOf(alice))).rejects.toThrow('the outbox refused the event');
    expect(rows()).toEqual(before);
  });
});
