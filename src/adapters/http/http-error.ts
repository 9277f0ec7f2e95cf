/**
 * Protocol-level failures that are not the domain's business (a body that is not JSON, a method
 * a path does not serve). Like the domain's errors they carry a stable `code`; the one error
 * handler turns the code into a status. `headers` carries what the status requires (`Allow` on
 * a 405, `Retry-After` on a 429, `WWW-Authenticate` on a 401).
 */
export class HttpError extends Error {
  readonly code: string;
  readonly headers: Readonly<Record<string, string>>;

  constructor(code: string, message: string, headers: Record<string, string> = {}) {
    super(message);
    this.name = 'HttpError';
    this.code = code;
    this.headers = headers;
  }
}
