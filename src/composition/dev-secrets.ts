import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { exportJWK } from 'jose';
import type { Config } from '../config.ts';
import { keptSecret } from '../adapters/security/kept-secret.ts';
import { loadSigningKey } from '../adapters/security/signing-key.ts';

/** What `developmentSecrets` fills in, and the directory it keeps them in. */
export type DevelopmentSecrets = { jwtPrivateKey?: string; cursorSecret?: string; dir: string };

/**
 * In development (the default NODE_ENV), on a DATA_DIR on disk: the secrets it generates are kept,
 * so a restart (`npm run dev` on every save) keeps the tokens and cursors in hand valid. Never in
 * production (config.ts requires both there), nor under test (a test's service must not write
 * beside the sources), nor with DATA_DIR=memory, which keeps nothing.
 */
export function keepsDevelopmentSecrets(config: Config): boolean {
  return config.NODE_ENV === 'development' && config.DATA_DIR !== 'memory';
}

/** JWT_PRIVATE_KEY and CURSOR_SECRET where unset, from DATA_DIR/dev-keys/ (generated on first start). */
export async function developmentSecrets(config: Config): Promise<DevelopmentSecrets | undefined> {
  if (!keepsDevelopmentSecrets(config) || (config.JWT_PRIVATE_KEY && config.CURSOR_SECRET)) return undefined;
  const dir = join(config.DATA_DIR, 'dev-keys');
  return {
    dir,
    jwtPrivateKey: config.JWT_PRIVATE_KEY ? undefined : await keptSecret(dir, 'jwt-private-key.jwk', generatedSigningKey),
    cursorSecret: config.CURSOR_SECRET ? undefined : await keptSecret(dir, 'cursor-secret', async () => randomBytes(32).toString('base64url')),
  };
}

/** The key the service would generate for itself, as the JWK that JWT_PRIVATE_KEY takes. */
async function generatedSigningKey(): Promise<string> {
  return JSON.stringify(await exportJWK((await loadSigningKey()).privateKey));
}
