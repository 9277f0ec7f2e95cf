import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, importPKCS8, type CryptoKey, type JWK } from 'jose';

export type SigningAlgorithm = 'EdDSA' | 'ES256';

export type SigningKey = Readonly<{
  algorithm: SigningAlgorithm;
  kid: string;
  privateKey: CryptoKey;
  /** The public half as published at /.well-known/jwks.json: no private parts. */
  publicJwk: JWK;
}>;

/**
 * The access-token signing key: from JWT_PRIVATE_KEY (a private JWK as JSON, Ed25519 or P-256,
 * or a PKCS#8 PEM of either), or generated (Ed25519) when none is given. The `kid` is the RFC
 * 7638 thumbprint of the public key, so it changes with the key and names it unambiguously.
 */
export async function loadSigningKey(configured?: string): Promise<SigningKey> {
  const { algorithm, privateKey } = configured ? await importPrivateKey(configured) : await generated();
  const exported = await exportJWK(privateKey);
  const { d: _private, ...publicPart } = exported;
  const kid = await calculateJwkThumbprint(publicPart);
  return { algorithm, kid, privateKey, publicJwk: { ...publicPart, kid, alg: algorithm, use: 'sig' } };
}

async function generated(): Promise<{ algorithm: SigningAlgorithm; privateKey: CryptoKey }> {
  const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  return { algorithm: 'EdDSA', privateKey };
}

async function importPrivateKey(text: string): Promise<{ algorithm: SigningAlgorithm; privateKey: CryptoKey }> {
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) {
    const jwk = JSON.parse(trimmed) as JWK;
    if (!jwk.d) throw new Error('JWT_PRIVATE_KEY is a public key; a private key is needed to sign');
    const algorithm = algorithmOf(jwk, 'JWT_PRIVATE_KEY');
    return { algorithm, privateKey: (await importJWK(jwk, algorithm, { extractable: true })) as CryptoKey };
  }
  // A PEM says nothing about its curve up front: try the two algorithms we accept.
  for (const algorithm of ['EdDSA', 'ES256'] as const) {
    try {
      return { algorithm, privateKey: await importPKCS8(trimmed, algorithm, { extractable: true }) };
    } catch {
      // not this algorithm's key; try the next
    }
  }
  throw new Error('JWT_PRIVATE_KEY must be an Ed25519 or P-256 private key, as a JWK or a PKCS#8 PEM');
}

function algorithmOf(jwk: JWK, variable: string): SigningAlgorithm {
  if (jwk.kty === 'OKP' && jwk.crv === 'Ed25519') return 'EdDSA';
  if (jwk.kty === 'EC' && jwk.crv === 'P-256') return 'ES256';
  throw new Error(`${variable} must hold Ed25519 (EdDSA) or P-256 (ES256) keys`);
}

/**
 * JWT_PREVIOUS_PUBLIC_KEYS: public keys that still verify tokens after a rotation (a JWK Set or
 * an array of JWKs, Ed25519 or P-256). Each is published at /.well-known/jwks.json under its
 * thumbprint, so tokens signed before the rotation stay valid until they expire.
 */
export async function loadVerificationKeys(configured?: string): Promise<JWK[]> {
  if (!configured) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(configured);
  } catch {
    throw new Error('JWT_PREVIOUS_PUBLIC_KEYS must be a JWK Set ({"keys":[...]}) or an array of JWKs');
  }
  const keys = Array.isArray(parsed) ? parsed : (parsed as { keys?: unknown }).keys;
  if (!Array.isArray(keys)) throw new Error('JWT_PREVIOUS_PUBLIC_KEYS must be a JWK Set ({"keys":[...]}) or an array of JWKs');
  return Promise.all(
    keys.map(async (candidate: JWK) => {
      const { d: _private, kid: _kid, alg: _alg, use: _use, key_ops: _ops, ext: _ext, ...publicPart } = candidate;
      const algorithm = algorithmOf(publicPart, 'JWT_PREVIOUS_PUBLIC_KEYS');
      await importJWK(publicPart, algorithm); // refuses a malformed key now, not at the first token
      return { ...publicPart, kid: await calculateJwkThumbprint(publicPart), alg: algorithm, use: 'sig' };
    }),
  );
}
