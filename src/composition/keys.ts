import type { JWK } from 'jose';
import type { Logger } from 'pino';
import { ConfigError, type Config } from '../config.ts';
import { loadSigningKey, loadVerificationKeys, type SigningKey } from '../adapters/security/signing-key.ts';

export type Keys = { signingKey: SigningKey; previousKeys: JWK[] };

/** The token keys, first of all: a bad one must stop the start before anything is opened. */
export async function loadKeys(config: Config, logger: Logger): Promise<Keys> {
  const signingKey = await signingKeyFrom(config, logger);
  const previousKeys = await loadVerificationKeys(config.JWT_PREVIOUS_PUBLIC_KEYS).catch((error: Error) => {
    throw new ConfigError(`Invalid configuration: ${error.message}`);
  });
  return { signingKey, previousKeys };
}

/**
 * JWT_PRIVATE_KEY, or a key generated for this process (config.ts already refused that in
 * production): tokens then die with the process and are not accepted by other instances.
 */
async function signingKeyFrom(config: Config, logger: Logger): Promise<SigningKey> {
  let key: SigningKey;
  try {
    key = await loadSigningKey(config.JWT_PRIVATE_KEY);
  } catch (error) {
    // The reason only: the message never contains the key itself.
    const reason = error instanceof Error ? error.message.replace(/^JWT_PRIVATE_KEY /, '') : 'cannot be read';
    throw new ConfigError(`Invalid configuration: JWT_PRIVATE_KEY ${/^must|^is/.test(reason) ? reason : `cannot be read (${reason})`}`);
  }
  if (!config.JWT_PRIVATE_KEY) {
    logger.warn({ kid: key.kid }, 'JWT_PRIVATE_KEY is not set: signing with a generated key; tokens will not survive a restart or be accepted by other instances');
  }
  return key;
}
