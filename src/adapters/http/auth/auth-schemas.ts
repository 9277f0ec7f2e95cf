import { z } from 'zod';
import { email, name, password } from '../users/user-schemas.ts';

/** Sign-up takes exactly these: a `role` or `status` is an unknown property, a 400, never a grant. */
export const registerBody = z
  .strictObject({ name, email, password })
  .meta({ examples: [{ name: 'Ada Lovelace', email: 'ada@example.com', password: 'correct horse battery staple' }] });

// Sign-in checks only types and sizes: the domain's format rules would tell a guesser which
// addresses cannot exist, and a wrong one is simply the usual 401.
export const loginBody = z.strictObject({
  email: z.string().min(1).max(320).meta({ format: 'email', examples: ['ada@example.com'] }),
  password: z.string().min(1).max(1024).meta({ writeOnly: true }),
}).meta({ examples: [{ email: 'ada@example.com', password: 'correct horse battery staple' }] });

const refreshToken = z.string().min(1).max(512).meta({ description: 'The opaque refresh token from login or the last refresh' });
const refreshTokenExample = { examples: [{ refreshToken: 'the refreshToken from POST /api/auth/login' }] };
export const refreshBody = z.strictObject({ refreshToken }).meta(refreshTokenExample);
export const logoutBody = z.strictObject({ refreshToken }).meta(refreshTokenExample);

/** The users' email rule: an address that cannot be anyone's is a 400, which tells nothing about accounts. */
export const passwordResetBody = z.strictObject({ email }).meta({ examples: [{ email: 'ada@example.com' }] });
export const passwordResetConfirmBody = z.strictObject({
  token: z.string().min(1).max(512).meta({ description: 'The `token` parameter of the link in the password-reset mail' }),
  password,
}).meta({ examples: [{ token: 'the token parameter of the link in the mail', password: 'a new long passphrase' }] });

export const tokens = z.object({
  accessToken: z.string().meta({ description: 'A JWT (EdDSA or ES256, `typ: at+jwt`); send it as `Authorization: Bearer <accessToken>`' }),
  refreshToken: z.string().meta({ description: 'Opaque and single-use: each refresh answers a new one' }),
  tokenType: z.literal('Bearer'),
  expiresIn: z.number().int().min(1).meta({ description: 'Seconds until the access token expires' }),
});
export const tokensEnvelope = z.object({ data: tokens });

/** A public signing key as signing-key.ts publishes it: Ed25519 (`OKP`, no `y`) or P-256 (`EC`). */
export const jwk = z
  .object({
    kty: z.enum(['OKP', 'EC']).meta({ description: '`OKP` for Ed25519, `EC` for P-256' }),
    crv: z.enum(['Ed25519', 'P-256']),
    x: z.string().meta({ description: 'base64url public key (the x coordinate for `EC`)' }),
    y: z.string().optional().meta({ description: 'base64url y coordinate; `EC` only' }),
    kid: z.string().meta({ description: 'Key id: the `kid` in the header of the tokens it verifies (RFC 7638 thumbprint for imported keys)' }),
    alg: z.enum(['EdDSA', 'ES256']),
    use: z.literal('sig'),
  })
  .meta({ description: 'RFC 7517 public JWK', examples: [{ kty: 'OKP', crv: 'Ed25519', x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo', kid: 'k1', alg: 'EdDSA', use: 'sig' }] });

export const jwks = z
  .object({ keys: z.array(jwk) })
  .meta({ description: 'RFC 7517 JWK Set: the public keys that verify access tokens, each with its `kid`' });

const timestamp = z.string().meta({ format: 'date-time', description: 'ISO 8601, UTC' });

/** One sign-in of the caller: what a "where am I signed in" page shows. */
export const sessionResource = z.object({
  id: z.string().meta({ description: 'Opaque id (a UUID); `DELETE /api/auth/sessions/{id}` ends it' }),
  createdAt: timestamp.meta({ description: 'When this sign-in happened' }),
  lastRefreshedAt: timestamp.meta({ description: 'When its refresh token was last rotated (the sign-in itself if never)' }),
  expiresAt: timestamp.meta({ description: 'When its current refresh token expires' }),
  current: z.boolean().meta({ description: 'Whether the access token of this request belongs to this session' }),
});
export const sessionListEnvelope = z.object({ data: z.array(sessionResource) });

export const sessionIdParams = z.strictObject({
  id: z.string().meta({ description: 'The session id (a UUID). A malformed id is a 404, like an unknown one.', format: 'uuid', examples: ['3f2b8c1e-9a4d-4e6f-8b7a-1c2d3e4f5a6b'] }),
});
