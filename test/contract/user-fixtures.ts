import { createHash } from 'node:crypto';
import { expect } from 'vitest';
import type { Repositories, UnitOfWork } from '../../src/application/ports/unit-of-work.ts';
import type { UserPage } from '../../src/application/ports/user-repository.ts';
import { parseUserSort, type KeysetPosition, type SortKey, type UserListQuery } from '../../src/application/ports/user-list-query.ts';
import type { User, UserId } from '../../src/domain/user.ts';

/** What every contract run gets from its adapter. */
export type ContractContext = { uow: UnitOfWork; reset(): Promise<void>; close(): Promise<void> };

/**
 * Ids derived from a hash of a label: stable across runs, and in an order unrelated to insertion
 * or creation time, so an adapter that falls back to insertion order cannot pass by luck.
 */
export function userId(label: string | number): UserId {
  const hex = createHash('sha256').update(String(label)).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-7${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}` as UserId;
}

/** A fixed instant plus `minutes`: timestamps under test control, never Date.now(). */
export function at(minutes: number): Date {
  return new Date(Date.UTC(2024, 0, 20, 10, 0, 0) + minutes * 60_000);
}

let serial = 0;

export function aUser(overrides: Partial<User> & { label?: string } = {}): User {
  const { label = `user-${++serial}`, ...fields } = overrides;
  return {
    id: userId(label),
    name: `Name ${label}`,
    email: `${label}@example.com`,
    status: 'active',
    role: 'member',
    passwordHash: null,
    createdAt: at(0),
    updatedAt: at(0),
    version: 1,
    ...fields,
  };
}

export async function store(uow: UnitOfWork, ...users: User[]): Promise<void> {
  await uow.transaction(async ({ users: repo }) => {
    for (const user of users) await repo.add(user);
  });
}

export function read<T>(uow: UnitOfWork, work: (repos: Repositories) => Promise<T>): Promise<T> {
  return uow.read(work);
}

export function list(uow: UnitOfWork, query: Partial<UserListQuery> & { sortBy?: string }): Promise<UserPage> {
  const { sortBy = '-createdAt', ...rest } = query;
  return uow.read(({ users }) => users.list({ sort: parseUserSort(sortBy), limit: 100, ...rest }));
}

/** The keyset position of `user` in `sort`: what a cursor would carry. */
export function positionOf(user: User, sort: readonly SortKey[]): KeysetPosition {
  return { values: sort.map(({ field }) => user[field]), id: user.id };
}

/** Every row of a listing, fetched `pageSize` at a time by keyset continuation. */
export async function walkByKeyset(uow: UnitOfWork, query: Partial<UserListQuery> & { sortBy: string }, pageSize: number): Promise<User[]> {
  const sort = parseUserSort(query.sortBy);
  const seen: User[] = [];
  let after: KeysetPosition | undefined;
  for (let guard = 0; guard < 1000; guard++) {
    const page = await list(uow, { ...query, limit: pageSize, after });
    if (after) expect(page.total).toBeUndefined();
    seen.push(...page.items);
    const last = page.items[page.items.length - 1];
    if (page.items.length < pageSize || !last) return seen;
    after = positionOf(last, sort);
  }
  throw new Error('keyset walk did not end');
}

export const names = (page: { items: User[] } | User[]): string[] => ('items' in page ? page.items : page).map((u) => u.name);
export const ids = (users: User[]): string[] => users.map((u) => u.id);
