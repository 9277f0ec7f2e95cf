import { expect } from 'vitest';
import type { TestApp } from '../support/http-app.ts';
import { body, type Json } from '../support/json.ts';

/** Shared by the auth e2e suites: sign-up and sign-in over HTTP, as a client would. */

export const PASSWORD = 'correct horse battery staple';

export type Tokens = { accessToken: string; refreshToken: string; tokenType: string; expiresIn: number };
export type Account = { id: string; email: string; name: string; role: string; status: string };

let serial = 0;

/** Registers a new member through the public route, anonymously. */
export async function registerMember(t: TestApp, name = 'Member'): Promise<Account> {
  const email = `member-${++serial}-${crypto.randomUUID().slice(0, 8)}@example.com`;
  const res = await t.request('POST', '/api/auth/register', { json: { name, email, password: PASSWORD }, as: null });
  expect(res.status).toBe(201);
  return (await body(res)).data as Account;
}

export function login(t: TestApp, email: string, password = PASSWORD): Promise<Response> {
  return t.request('POST', '/api/auth/login', { json: { email, password }, as: null });
}

/** Logs in and returns the tokens; fails the test on anything but a 200. */
export async function signIn(t: TestApp, email: string, password = PASSWORD): Promise<Tokens> {
  const res = await login(t, email, password);
  expect(res.status, await res.clone().text()).toBe(200);
  return (await body(res)).data as Tokens;
}

export function refresh(t: TestApp, refreshToken: string): Promise<Response> {
  return t.request('POST', '/api/auth/refresh', { json: { refreshToken }, as: null });
}

/** GET /api/auth/me with `token`: the cheapest way to ask "does this access token still work?". */
export function me(t: TestApp, token: string): Promise<Response> {
  return t.request('GET', '/api/auth/me', { as: token });
}

/** A 401 in the contract's envelope with a Bearer challenge; returns the error for further checks. */
export async function expectUnauthorized(res: Response): Promise<Json> {
  expect(res.status).toBe(401);
  expect(res.headers.get('WWW-Authenticate')).toMatch(/^Bearer /);
  const { error } = await body(res);
  expect(error.code).toBe('UNAUTHORIZED');
  return error as Json;
}

/** A deep copy of the users table, to prove a refused write changed nothing. */
export function snapshotUsers(t: TestApp): unknown {
  return structuredClone([...t.uow.users.rows.entries()]);
}
