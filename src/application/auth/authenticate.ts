import type { AccountAccess } from './account-access.ts';
import type { Principal, TokenService } from '../ports/token-service.ts';

type Deps = Readonly<{ tokens: TokenService; access: AccountAccess }>;

/**
 * Turns a bearer token into the acting principal: a valid signature and claims (TokenService), a
 * holder who is neither suspended nor deleted and a session still open (AccountAccess). Throws
 * UnauthorizedError otherwise. What every inbound adapter that accepts tokens calls.
 */
export class Authenticate {
  readonly #deps: Deps;

  constructor(deps: Deps) {
    this.#deps = deps;
  }

  async execute(token: string): Promise<Principal> {
    return this.#deps.access.check(await this.#verify(token));
  }

  /**
   * Who the token names, from its signature and claims alone, without asking whether the holder
   * may still act: enough to count a request against its user, and no I/O (verified tokens are
   * cached). Throws UnauthorizedError for a token that does not verify.
   */
  async claimant(token: string): Promise<Principal> {
    return this.#verify(token);
  }

  #verify(token: string): Promise<Principal> {
    return this.#deps.tokens.verifyAccessToken(token);
  }
}
