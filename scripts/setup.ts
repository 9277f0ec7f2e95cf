import { parseArgs } from 'node:util';
import { text } from 'node:stream/consumers';
import { loadConfig } from '../src/config.ts';
import { normalizeEmail } from '../src/domain/user.ts';
import { openMigratedDatabase } from '../src/composition/database.ts';
import { runCommand, UsageError } from './cli/run-command.ts';
import { cliUserUseCases } from './cli/user-use-cases.ts';
import { ask, askHidden } from './cli/prompt.ts';

const USAGE = `Creates the first admin in the database the service would use (DATABASE_URL, or the embedded one
under DATA_DIR), as starting the service with ADMIN_EMAIL and ADMIN_PASSWORD would: an active admin
with that email is left as it is; an existing account is promoted only if the password is its own.

  npm run setup                                            asks for the email and the password
  npm run setup -- --email ada@example.com --password-stdin < password-file
  ADMIN_EMAIL=ada@example.com ADMIN_PASSWORD=... npm run setup

The password comes from standard input (--password-stdin), ADMIN_PASSWORD, or the prompt: never
from an argument, which other users of the machine can see in the process list.`;

const SAID = { created: 'created', promoted: 'promoted to admin', unchanged: 'already an active admin: left unchanged' } as const;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      'password-stdin': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) return console.log(USAGE);
  const interactive = process.stdin.isTTY === true && !values['password-stdin'];
  const email = values.email || process.env.ADMIN_EMAIL || (interactive ? await ask('Admin email: ') : undefined);
  const password = values['password-stdin']
    ? (await text(process.stdin)).replace(/\r?\n$/, '')
    : process.env.ADMIN_PASSWORD || (interactive ? await askHidden('Password (8+ characters, not shown): ') : undefined);
  if (!email || !password) throw new UsageError('an email and a password are needed: --email or ADMIN_EMAIL, and --password-stdin or ADMIN_PASSWORD');

  // The service's own rules for both, and its own database settings, as one line on a bad value.
  const config = loadConfig({ ...process.env, ADMIN_EMAIL: email, ADMIN_PASSWORD: password });
  const database = await openMigratedDatabase(config);
  try {
    const outcome = await cliUserUseCases(database).ensureAdmin.execute({ email, password, name: values.name });
    console.log(`admin ${normalizeEmail(email)} ${SAID[outcome]} (${database.kind}); sign in with POST /api/auth/login`);
  } finally {
    await database.close();
  }
}

await runCommand(main, USAGE);
