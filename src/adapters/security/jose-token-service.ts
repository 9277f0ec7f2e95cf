import { createLocalJWKSet, decodeProtectedHeader, jwtVerify, SignJWT, type JSONWebKeySet, type JWK } from 'jose';
import type { IssuedAccessToken, Principal, TokenService, TokenSubject } from '../../application/ports/token-service.ts';
import { UnauthorizedError } from '../../domain/errors.ts';
import { parseUserId, USER_ROLES, type UserRole } from '../../domain/user.ts';
import type { SigningKey } from './signing-key.ts';

export type TokenSettings = Readonly<{
  issuer: string;
  audience: string;
  accessTtlSeconds: number;
  /** Allowed clock skew between this service and a token's other verifiers. */
  clockToleranceSeconds?: number;
  /** Public keys of earlier signing keys, still accepted after a rotation (see loadVerificationKeys). */
  previousKeys?: readonly JWK[];
}>;

/** RFC 9068's media type for access tokens: a JWT of another kind (an ID token) is refused. */
const ACCESS_TOKEN_TYPE = 'at+jwt';

// Header parameters that would let a token name its own key or key location (RFC 8725 3.10):
// keys come only from our own key set.
const KEY_CARRYING_HEADERS = ['jwk', 'jku', 'x5u', 'x5c'] as const;

const INVALID = 'Invalid or expired access token';

/**
 * Access tokens with jose (web-standard crypto, so it runs on Node, Deno and edge runtimes),
 * verified per RFC 8725: only our keys' own algorithms, each key only with its own, issuer, audience, `typ`, required
 * `exp`, `iat`, `sub` and `jti`, keys only from our own set, unknown `crit` refused (jose's
 * default), a small clock tolerance.
 */
export class JoseTokenService implements TokenService {
  readonly #key: SigningKey;
  readonly #settings: TokenSettings;
  readonly #keySet: ReturnType<typeof createLocalJWKSet>;
  readonly #jwks: JSONWebKeySet;
  readonly #algorithms: string[];

  constructor(key: SigningKey, settings: TokenSettings) {
    this.#key = key;
    this.#settings = settings;
    const previous = (settings.previousKeys ?? []).filter((jwk) => jwk.kid !== key.kid);
    this.#jwks = { keys: [key.publicJwk, ...previous] };
    // The local key set matches a token's kid and alg against each key's own `alg`.
    this.#keySet = createLocalJWKSet(this.#jwks);
    this.#algorithms = [...new Set(this.#jwks.keys.map((jwk) => jwk.alg as string))];
  }

  /** The public keys, for /.well-known/jwks.json: the signing key first, then those kept after a rotation. */
  jwks(): JSONWebKeySet {
    return this.#jwks;
  }

  async issueAccessToken(subject: TokenSubject): Promise<IssuedAccessToken> {
    const { issuer, audience, accessTtlSeconds } = this.#settings;
    const token = await new SignJWT({ email: subject.email, role: subject.role, sid: subject.sessionId })
      .setProtectedHeader({ alg: this.#key.algorithm, kid: this.#key.kid, typ: ACCESS_TOKEN_TYPE })
      .setSubject(subject.id)
      .setIssuer(issuer)
      .setAudience(audience)
      .setIssuedAt()
      .setExpirationTime(`${accessTtlSeconds}s`)
      .setJti(crypto.randomUUID())
      .sign(this.#key.privateKey);
    return { token, expiresIn: accessTtlSeconds };
  }

  async verifyAccessToken(token: string): Promise<Principal> {
    try {
      const header = decodeProtectedHeader(token);
      if (KEY_CARRYING_HEADERS.some((name) => name in header)) throw new Error('key in header');
      const { payload } = await jwtVerify(token, this.#keySet, {
        algorithms: this.#algorithms,
        issuer: this.#settings.issuer,
        audience: this.#settings.audience,
        typ: ACCESS_TOKEN_TYPE,
        requiredClaims: ['exp', 'iat', 'sub', 'jti'],
        clockTolerance: this.#settings.clockToleranceSeconds ?? 5,
        // We never issue a token that lives longer: one issued in the future, or with a far `exp`,
        // was not issued by this configuration.
        maxTokenAge: this.#settings.accessTtlSeconds,
      });
      const userId = parseUserId(String(payload.sub));
      const { email, role, sid } = payload as { email?: unknown; role?: unknown; sid?: unknown };
      const wellFormed = userId && typeof email === 'string' && typeof sid === 'string' && typeof payload.jti === 'string';
      if (!wellFormed || !(USER_ROLES as readonly unknown[]).includes(role)) throw new Error('claims');
      return {
        userId,
        email,
        role: role as UserRole,
        tokenId: payload.jti as string,
        sessionId: sid,
        expiresAt: new Date((payload.exp as number) * 1000),
      };
    } catch {
      // One answer for every failure: which check failed helps an attacker more than a client.
      throw new UnauthorizedError(INVALID);
    }
  }
}
