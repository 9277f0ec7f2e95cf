import type { z } from 'zod';
import type { SessionView } from '../../../application/auth/list-sessions.ts';
import type { sessionResource } from './auth-schemas.ts';

export type SessionJson = z.output<typeof sessionResource>;

/** Fields picked one by one, so nothing added to a session leaks by default. */
export function presentSession(session: SessionView): SessionJson {
  return {
    id: session.id,
    createdAt: session.createdAt.toISOString(),
    lastRefreshedAt: session.lastRefreshedAt.toISOString(),
    expiresAt: session.expiresAt.toISOString(),
    current: session.current,
  };
}
