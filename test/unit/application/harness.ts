import { expect } from 'vitest';
import { SealedCursorCodec } from '../../../src/adapters/security/sealed-cursor-codec.ts';
import { ScryptPasswordHasher } from '../../../src/adapters/security/scrypt-password-hasher.ts';
import { InMemoryRateLimiter } from '../../../src/adapters/rate-limit/in-memory-rate-limiter.ts';
import type { Clock } from '../../../src/application/ports/clock.ts';
import { SignInFailures, type SignInFailureLimits } from '../../../src/application/auth/sign-in-failures.ts';
import type { Actor } from '../../../src/application/shared/actor.ts';
import type { Repositories, UnitOfWork } from '../../../src/application/ports/unit-of-work.ts';
import type { UserPage, UserRepository } from '../../../src/application/ports/user-repository.ts';
import type { UserListQuery } from '../../../src/application/ports/user-list-query.ts';
import { createUserUseCases } from '../../../src/application/users/index.ts';
import { DomainError } from '../../../src/domain/errors.ts';
import type { User, UserId } from '../../../src/domain/user.ts';
import { inMemoryCaches } from '../../support/caches.ts';
import { FixedClock } from '../../support/fixed-clock.ts';
import { InMemoryUnitOfWork } from '../../support/in-memory-unit-of-work.ts';
import { SequentialIds } from '../../support/sequential-ids.ts';

/** scrypt at a cost a unit test can afford; the default OWASP cost has its own adapter test. */
export const CHEAP_SCRYPT = { N: 1024, r: 8, p: 1 };

/** An admin that is not stored: use cases trust the actor they are given (the guard checked it). */
export const ADMIN: Actor = { userId: '01900000-0000-7000-8000-00000000ad01' as UserId, role: 'admin' };

/** A use case called as `actor`, so tests about other rules need not repeat who acts. */
function actingAs<I, O>(useCase: { execute(input: I, actor: Actor): Promise<O> }, actor: Actor): { execute(input: I): Promise<O> } {
  return { execute: (input) => useCase.execute(input, actor) };
}

/**
 * The users slice from its own factory over in-process adapters, as the composition root builds it; the
 * plain names act as ADMIN, `as(actor)` gives the same use cases acting for someone else.
 */
export function makeService<U extends UnitOfWork = InMemoryUnitOfWork>(uow: U = new InMemoryUnitOfWork() as UnitOfWork as U) {
  const clock = new FixedClock();
  const ids = new SequentialIds();
  const hasher = new ScryptPasswordHasher(CHEAP_SCRYPT);
  const cursors = new SealedCursorCodec('unit-test-cursor-secret');
  const { access, users, cache } = inMemoryCaches(uow, clock);
  const failures = signInFailures(clock);
  const slice = createUserUseCases({ uow, ids, clock, hasher, cursors, users, access, failures });
  const raw = {
    createUser: slice.create,
    getUser: slice.get,
    replaceUser: slice.replace,
    updateUser: slice.update,
    deleteUser: slice.remove,
    listUsers: slice.list,
  };
  const as = (actor: Actor) => ({
    createUser: actingAs(raw.createUser, actor),
    getUser: actingAs(raw.getUser, actor),
    replaceUser: actingAs(raw.replaceUser, actor),
    updateUser: actingAs(raw.updateUser, actor),
    deleteUser: actingAs(raw.deleteUser, actor),
    listUsers: actingAs(raw.listUsers, actor),
  });
  return { uow, clock, ids, hasher, cursors, access, users, cache, failures, as, ...as(ADMIN) };
}

/** Sign-in failures counted in process, with the default bounds (API.md): 10 per address, 100 per email. */
export function signInFailures(clock: Clock, limits: Partial<SignInFailureLimits> = {}): SignInFailures {
  return new SignInFailures({ limiter: new InMemoryRateLimiter(clock), limits: { perAddress: 10, perEmail: 100, windowSeconds: 900, ...limits } });
}

/** Stores users as committed rows, through the port, in one transaction. */
export async function seed(uow: UnitOfWork, ...users: User[]): Promise<void> {
  await uow.transaction(async (repos) => {
    for (const user of users) await repos.users.add(user);
  });
}

/** The rows as committed, read through the port outside any transaction. */
export async function stored(uow: UnitOfWork, id: string): Promise<User | null> {
  return uow.read((repos) => repos.users.findById(id as UserId));
}

/**
 * Awaits `work`, expecting it to reject with a DomainError, and returns that error. A function's
 * synchronous throw counts too: an id parsed at the edge (requireUserId) fails before the use case.
 */
export async function rejectionOf(work: Promise<unknown> | (() => Promise<unknown>)): Promise<DomainError> {
  let outcome: unknown;
  try {
    outcome = await (typeof work === 'function' ? work() : work);
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return error as DomainError;
  }
  throw new Error(`expected a rejection, got ${JSON.stringify(outcome)}`);
}

/**
 * A UnitOfWork that lets "another client" commit a change to a user between the use case's read
 * and its conditional write, `times` times: the first `update`/`remove` of each transaction, while
 * interferences remain, is preceded by a rename and version bump of the same row. This is what a
 * concurrent request on another instance looks like to the conditional UPDATE ... WHERE version.
 */
export class InterferingUnitOfWork implements UnitOfWork {
  readonly inner: InMemoryUnitOfWork;
  remaining: number;
  interferences = 0;

  constructor(inner: InMemoryUnitOfWork, times = 1) {
    this.inner = inner;
    this.remaining = times;
  }

  transaction<T>(work: (repos: Repositories) => Promise<T>): Promise<T> {
    return this.inner.transaction((repos) => work({ ...repos, users: new InterferingRepository(repos.users, this) }));
  }

  read<T>(work: (repos: Repositories) => Promise<T>): Promise<T> {
    return this.inner.read(work);
  }

  async interfere(users: UserRepository, id: UserId): Promise<void> {
    if (this.remaining <= 0) return;
    this.remaining--;
    this.interferences++;
    const current = await users.findById(id);
    if (!current) return;
    const changed: User = {
      ...current,
      name: `Changed elsewhere ${this.interferences}`,
      version: current.version + 1,
    };
    if (!(await users.update(changed, current.version))) throw new Error('interference failed to apply');
  }
}

class InterferingRepository implements UserRepository {
  readonly #inner: UserRepository;
  readonly #uow: InterferingUnitOfWork;

  constructor(inner: UserRepository, uow: InterferingUnitOfWork) {
    this.#inner = inner;
    this.#uow = uow;
  }

  findById(id: UserId): Promise<User | null> {
    return this.#inner.findById(id);
  }

  findByEmail(email: string): Promise<User | null> {
    return this.#inner.findByEmail(email);
  }

  add(user: User): Promise<void> {
    return this.#inner.add(user);
  }

  async update(user: User, expectedVersion: number): Promise<boolean> {
    await this.#uow.interfere(this.#inner, user.id);
    return this.#inner.update(user, expectedVersion);
  }

  async remove(id: UserId, expectedVersion: number): Promise<boolean> {
    await this.#uow.interfere(this.#inner, id);
    return this.#inner.remove(id, expectedVersion);
  }

  list(query: UserListQuery): Promise<UserPage> {
    return this.#inner.list(query);
  }
}
