import { exportJWK, exportPKCS8, generateKeyPair, SignJWT, UnsecuredJWT, type CryptoKey, type JWTPayload } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { JoseTokenService } from '../../../../src/adapters/security/jose-token-service.ts';
import { loadSigningKey, loadVerificationKeys, type SigningKey } from '../../../../src/adapters/security/signing-key.ts';
import type { UserId } from '../../../../src/domain/user.ts';

const SETTINGS = { issuer: 'users-service', audience: 'users-api', accessTtlSeconds: 900 };
const USER = { id: '01900000-0000-7000-8000-0000000000aa' as UserId, email: 'ada@example.com', role: 'member' as const, sessionId: '01900000-0000-7000-8000-0000000000bb' };

let ourKey: CryptoKey;
let signing: SigningKey;
let tokens: JoseTokenService;

beforeAll(async () => {
  const pair = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  ourKey = pair.privateKey;
  signing = await loadSigningKey(JSON.stringify(await exportJWK(pair.privateKey)));
  tokens = new JoseTokenService(signing, SETTINGS);
});

const now = () => Math.floor(Date.now() / 1000);

/** A token signed with our real key, with the given header and claims on top of valid ones. */
function signed(claims: JWTPayload = {}, header: Record<string, unknown> = {}, key: CryptoKey = ourKey): Promise<string> {
  return new SignJWT({ email: USER.email, role: USER.role, sid: USER.sessionId, ...claims })
    .setProtectedHeader({ alg: 'EdDSA', kid: signing.kid, typ: 'at+jwt', ...header })
    .setSubject(String(claims.sub ?? USER.id))
    .setIssuer(String(claims.iss ?? SETTINGS.issuer))
    .setAudience(String(claims.aud ?? SETTINGS.audience))
    .setIssuedAt(Number(claims.iat ?? now()))
    .setExpirationTime(Number(claims.exp ?? now() + 600))
    .setJti(String(claims.jti ?? crypto.randomUUID()))
    .sign(key);
}

async function expectRefused(token: string): Promise<void> {
  await expect(tokens.verifyAccessToken(token)).rejects.toMatchObject({ code: 'UNAUTHORIZED', message: 'Invalid or expired access token' });
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('JoseTokenService', () => {
  it('issues an access token it then accepts, with the principal in it', async () => {
    const { token, expiresIn } = await tokens.issueAccessToken(USER);
    expect(expiresIn).toBe(900);
    const principal = await tokens.verifyAccessToken(token);
    expect(principal).toMatchObject({ userId: USER.id, email: USER.email, role: 'member', sessionId: USER.sessionId });
    expect(principal.tokenId).toMatch(/^[0-9a-f-]{36}$/);
    const [header] = token.split('.');
    expect(JSON.parse(Buffer.from(header as string, 'base64url').toString())).toEqual({ alg: 'EdDSA', kid: signing.kid, typ: 'at+jwt' });
  });

  it('publishes only the public key, under its thumbprint kid', () => {
    const { keys } = tokens.jwks();
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({ kty: 'OKP', crv: 'Ed25519', kid: signing.kid, alg: 'EdDSA', use: 'sig' });
    expect(keys[0]).not.toHaveProperty('d');
  });

  it('accepts a key given as a PKCS#8 PEM, and P-256 (ES256) keys', async () => {
    const ec = await generateKeyPair('ES256', { extractable: true });
    const service = new JoseTokenService(await loadSigningKey(await exportPKCS8(ec.privateKey)), SETTINGS);
    const { token } = await service.issueAccessToken(USER);
    expect(JSON.parse(Buffer.from(token.split('.')[0] as string, 'base64url').toString()).alg).toBe('ES256');
    expect((await service.verifyAccessToken(token)).userId).toBe(USER.id);
  });

  it('keeps accepting tokens of the previous key after a rotation, and publishes both keys', async () => {
    const old = await loadSigningKey(await exportPKCS8((await generateKeyPair('ES256', { extractable: true })).privateKey));
    const before = new JoseTokenService(old, SETTINGS);
    const { token } = await before.issueAccessToken(USER);
    // The old key given as a private JWK: only its public half may be kept and published.
    const oldPrivateJwk = await exportJWK(old.privateKey);
    const previousKeys = await loadVerificationKeys(JSON.stringify({ keys: [oldPrivateJwk] }));
    const rotated = new JoseTokenService(signing, { ...SETTINGS, previousKeys });
    expect((await rotated.verifyAccessToken(token)).userId).toBe(USER.id);
    expect(rotated.jwks().keys.map((key) => key.kid)).toEqual([signing.kid, old.kid]);
    expect(rotated.jwks().keys.every((key) => !('d' in key))).toBe(true);
    // New tokens come from the new key; without the old key listed, old tokens are refused.
    expect(JSON.parse(Buffer.from((await rotated.issueAccessToken(USER)).token.split('.')[0] as string, 'base64url').toString()).kid).toBe(signing.kid);
    await expect(tokens.verifyAccessToken(token)).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(loadVerificationKeys('{"keys":[{"kty":"RSA","n":"x","e":"AQAB"}]}')).rejects.toThrow(/Ed25519 \(EdDSA\) or P-256/);
    await expect(loadVerificationKeys('not json')).rejects.toThrow(/JWK Set/);
  });

  describe('the forgery catalog: each is a 401', () => {
    it('alg none', async () => {
      const token = new UnsecuredJWT({ email: USER.email, role: 'admin', sub: USER.id, jti: 'x' })
        .setIssuer(SETTINGS.issuer).setAudience(SETTINGS.audience).setIssuedAt().setExpirationTime('10m').encode();
      await expectRefused(token);
    });

    it('HS256 signed with the public key as the secret', async () => {
      const secret = new TextEncoder().encode(JSON.stringify(tokens.jwks().keys[0]));
      const token = await new SignJWT({ email: USER.email, role: 'admin', jti: 'x' })
        .setProtectedHeader({ alg: 'HS256', kid: signing.kid, typ: 'at+jwt' })
        .setSubject(USER.id).setIssuer(SETTINGS.issuer).setAudience(SETTINGS.audience).setIssuedAt().setExpirationTime('10m')
        .sign(secret);
      await expectRefused(token);
    });

    it('a tampered payload (role raised to admin) under the original signature', async () => {
      const [header, payload, signature] = (await signed()).split('.') as [string, string, string];
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
      await expectRefused(`${header}.${b64({ ...claims, role: 'admin' })}.${signature}`);
    });

    it('a stripped signature', async () => {
      const [header, payload] = (await signed()).split('.');
      await expectRefused(`${header}.${payload}.`);
      await expectRefused(`${header}.${payload}`);
    });

    it('a foreign signature: another key claiming our kid', async () => {
      const other = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
      await expectRefused(await signed({}, {}, other.privateKey));
    });

    it('expired, beyond the clock tolerance', async () => {
      await expectRefused(await signed({ iat: now() - 1000, exp: now() - 60 }));
    });

    it('not valid before a time in the future', async () => {
      await expectRefused(await signed({ nbf: now() + 600 }));
    });

    it('the wrong issuer or audience', async () => {
      await expectRefused(await signed({ iss: 'someone-else' }));
      await expectRefused(await signed({ aud: 'another-api' }));
    });

    it('a missing exp', async () => {
      const token = await new SignJWT({ email: USER.email, role: USER.role })
        .setProtectedHeader({ alg: 'EdDSA', kid: signing.kid, typ: 'at+jwt' })
        .setSubject(USER.id).setIssuer(SETTINGS.issuer).setAudience(SETTINGS.audience).setIssuedAt().setJti('x')
        .sign(ourKey);
      await expectRefused(token);
    });

    it('an embedded jwk header naming the attacker\'s own key', async () => {
      const attacker = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
      const jwk = await exportJWK(attacker.publicKey);
      await expectRefused(await signed({}, { jwk }, attacker.privateKey));
      // Even when signed with our key, a token that carries a key header is refused.
      await expectRefused(await signed({}, { jwk }));
    });

    it('an unknown crit extension', async () => {
      // jose will not even sign this, so sign it by hand, with our real key.
      const header = { alg: 'EdDSA', kid: signing.kid, typ: 'at+jwt', crit: ['urn:example:must-understand'], 'urn:example:must-understand': true };
      const claims = { sub: USER.id, email: USER.email, role: USER.role, sid: USER.sessionId, iss: SETTINGS.issuer, aud: SETTINGS.audience, iat: now(), exp: now() + 600, jti: 'x' };
      const input = `${b64(header)}.${b64(claims)}`;
      const signature = await crypto.subtle.sign('Ed25519', ourKey, new TextEncoder().encode(input));
      const token = `${input}.${Buffer.from(signature).toString('base64url')}`;
      await expectRefused(token);
      // The control: the same hand-made token without `crit` is accepted, so only `crit` is refused.
      const { crit: _crit, 'urn:example:must-understand': _ext, ...plain } = header;
      const plainInput = `${b64(plain)}.${b64(claims)}`;
      const plainSignature = await crypto.subtle.sign('Ed25519', ourKey, new TextEncoder().encode(plainInput));
      expect((await tokens.verifyAccessToken(`${plainInput}.${Buffer.from(plainSignature).toString('base64url')}`)).userId).toBe(USER.id);
    });

    it('another kind of token: an opaque refresh token, or a JWT of another typ', async () => {
      await expectRefused(Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64url'));
      await expectRefused(await signed({}, { typ: 'JWT' }));
      await expectRefused(await signed({}, { typ: 'refresh+jwt' }));
    });

    it('claims that are not ours: a sub that is no user id, a role that does not exist', async () => {
      await expectRefused(await signed({ sub: 'admin' }));
      await expectRefused(await signed({ role: 'superuser' }));
      await expectRefused(await signed({ sid: 42 }));
    });

    it('a token that claims to be issued in the future, or to live longer than we issue them', async () => {
      await expectRefused(await signed({ iat: now() + 3600, exp: now() + 4000 }));
      await expectRefused(await signed({ iat: now() - 1200, exp: now() + 99_999_999 }));
    });

    it('and the control: the same helper with nothing wrong is accepted', async () => {
      expect((await tokens.verifyAccessToken(await signed())).userId).toBe(USER.id);
    });
  });
});
