import { randomBytes } from 'node:crypto';
import { exportJWK } from 'jose';
import { loadSigningKey } from '../src/adapters/security/signing-key.ts';

/**
 * `npm run -s deploy:secrets > deploy/.env`: fresh secrets for a deployment, one KEY=value a line
 * (the format of compose's .env, `kubectl create secret --from-env-file` and `node --env-file`).
 * Hex and JWK values hold no quote, space or `#`, so every one of those reads them verbatim.
 */
const { privateKey } = await loadSigningKey(); // the Ed25519 key the service would generate itself
const secrets = {
  JWT_PRIVATE_KEY: JSON.stringify(await exportJWK(privateKey)),
  CURSOR_SECRET: randomBytes(32).toString('hex'),
  POSTGRES_PASSWORD: randomBytes(24).toString('hex'),
};
process.stdout.write(Object.entries(secrets).map(([name, value]) => `${name}=${value}\n`).join(''));
