import type { AccountAccess } from '../account-access.ts';
import type { Principal, TokenService } from '../ports/token-service.ts';

/**
 * Turns a bearer token into the acting principal: a valid signature and claims (TokenService), a
 * holder who is neither suspended nor deleted and a session still open (AccountAccess). Throws
 * UnauthorizedError otherwise. What every inbound adapter that accepts tokens calls.
 */
export class Authenticate {
  readonly #tokens: TokenService;
  readonly #access: AccountAccess;

  constructor(deps: Readonly<{ tokens: TokenService; access: AccountAccess }>) {
    this.#tokens = deps.tokens;
    this.#access = deps.access;
  }

  async execute(token: string): Promise<Principal> {
    return this.#access.check(await this.#tokens.verifyAccessToken(token));
  }
}
