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
    const algorithm = algorithmOf(jwk);
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

function algorithmOf(jwk: JWK): SigningAlgorithm {
  if (jwk.kty === 'OKP' && jwk.crv === 'Ed25519') return 'EdDSA';
  if (jwk.kty === 'EC' && jwk.crv === 'P-256') return 'ES256';
  throw new Error('JWT_PRIVATE_KEY must be an Ed25519 (EdDSA) or P-256 (ES256) key');
}
