import { SessionNotFoundError } from './errors.ts';
import { requireId, type Id } from './ids.ts';

/** One sign-in and its refreshes, named by a UUID (the refresh tokens' `sessionId`). */
export type SessionId = Id<'SessionId'>;

/** A session id from outside, or 404 `Session not found` (also for a malformed one). */
export function requireSessionId(raw: string): SessionId {
  return requireId<'SessionId'>(raw, () => new SessionNotFoundError());
}
