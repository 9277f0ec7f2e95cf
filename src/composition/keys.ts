import type { JWK } from 'jose';
import type { Logger } from 'pino';
import { ConfigError, type Config } from '../config.ts';
import { loadSigningKey, loadVerificationKeys, type SigningKey } from '../adapters/security/signing-key.ts';
import { developmentSecrets, type DevelopmentSecrets } from './dev-secrets.ts';

/** `cursorSecret`: CURSOR_SECRET, or the development one; unset, each process seals with its own. */
export type Keys = { signingKey: SigningKey; previousKeys: JWK[]; cursorSecret?: string };

/**
 * The token keys, first of all: a bad one must stop the start before anything is opened.
 * `keepDevelopmentSecrets: false` where there is no file system to keep them in (the edge).
 */
export async function loadKeys(config: Config, logger: Logger, options: { keepDevelopmentSecrets?: boolean } = {}): Promise<Keys> {
  const kept = options.keepDevelopmentSecrets === false ? undefined : await developmentSecrets(config);
  const signingKey = await signingKeyFrom(config, kept, logger);
  const previousKeys = await loadVerificationKeys(config.JWT_PREVIOUS_PUBLIC_KEYS).catch((error: Error) => {
    throw new ConfigError(`Invalid configuration: ${error.message}`);
  });
  if (kept?.cursorSecret) logger.info({ dir: kept.dir }, 'CURSOR_SECRET is not set: sealing cursors with the development secret kept in DATA_DIR');
  return { signingKey, previousKeys, cursorSecret: config.CURSOR_SECRET ?? kept?.cursorSecret };
}

/**
 * JWT_PRIVATE_KEY, else the development key kept in DATA_DIR, else a key generated for this
 * process (config.ts already refused both in production): tokens then die with the process and
 * are not accepted by other instances.
 */
async function signingKeyFrom(config: Config, kept: DevelopmentSecrets | undefined, logger: Logger): Promise<SigningKey> {
  let key: SigningKey;
  try {
    key = await loadSigningKey(config.JWT_PRIVATE_KEY ?? kept?.jwtPrivateKey);
  } catch (error) {
    // The reason only: the message never contains the key itself.
    const reason = error instanceof Error ? error.message.replace(/^JWT_PRIVATE_KEY /, '') : 'cannot be read';
    throw new ConfigError(`Invalid configuration: JWT_PRIVATE_KEY ${/^must|^is/.test(reason) ? reason : `cannot be read (${reason})`}`);
  }
  if (kept?.jwtPrivateKey) {
    logger.warn({ kid: key.kid, dir: kept.dir }, 'JWT_PRIVATE_KEY is not set: signing with a development key generated once and kept in DATA_DIR (never in production)');
  } else if (!config.JWT_PRIVATE_KEY) {
    logger.warn({ kid: key.kid }, 'JWT_PRIVATE_KEY is not set: signing with a generated key; tokens will not survive a restart or be accepted by other instances');
  }
  return key;
}
