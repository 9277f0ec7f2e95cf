import type { ErrorCode } from '../../domain/errors.ts';

/**
 * Protocol-level failures that are not the domain's business (a body that is not JSON, a method
 * a path does not serve). Their `code` comes from the one catalogue (domain/errors.ts); the one error
 * handler turns the code into a status. `headers` carries what the status requires (`Allow` on
 * a 405, `Retry-After` on a 429, `WWW-Authenticate` on a 401).
 */
export class HttpError extends Error {
  readonly code: ErrorCode;
  readonly headers: Readonly<Record<string, string>>;

  constructor(code: ErrorCode, message: string, headers: Record<string, string> = {}) {
    super(message);
    this.name = 'HttpError';
    this.code = code;
    this.headers = headers;
  }
}
