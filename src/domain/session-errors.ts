import { NotFoundError } from './errors.ts';

/** Another user's session, an unknown or malformed id, or one already ended: all look the same. */
export class SessionNotFoundError extends NotFoundError {
  constructor() {
    super('Session not found');
  }
}
