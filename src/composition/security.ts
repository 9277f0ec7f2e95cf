import type { Config } from '../config.ts';
import { CachingTokenService } from '../adapters/security/caching-token-service.ts';
import { JoseTokenService } from '../adapters/security/jose-token-service.ts';
import { ScryptPasswordHasher } from '../adapters/security/scrypt-password-hasher.ts';
import { SealedCursorCodec } from '../adapters/security/sealed-cursor-codec.ts';
import type { Clock } from '../application/ports/clock.ts';
import type { Keys } from './keys.ts';

/** Password hashing, sealed list cursors, and the access tokens (verified ones cached briefly). */
export function buildSecurity(config: Config, keys: Keys, clock: Clock) {
  const settings = { issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE, accessTtlSeconds: config.JWT_ACCESS_TTL, previousKeys: keys.previousKeys };
  const jose = new JoseTokenService(keys.signingKey, settings);
  return {
    hasher: new ScryptPasswordHasher(),
    cursors: new SealedCursorCodec(keys.cursorSecret),
    tokens: new CachingTokenService(jose, { clock }),
    /** The public keys, for /.well-known/jwks.json. */
    jwks: () => jose.jwks(),
  };
}
