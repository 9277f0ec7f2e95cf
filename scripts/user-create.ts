import { parseArgs } from 'node:util';
import { text } from 'node:stream/consumers';
import { openDatabase } from '../src/adapters/persistence/mikro-orm/orm.ts';
import { SYSTEM_ACTOR } from '../src/application/shared/actor.ts';
import { runCommand, UsageError } from './cli/run-command.ts';
import { cliUserUseCases } from './cli/user-use-cases.ts';
import { USER_ROLES, USER_STATUSES, type UserRole, type UserStatus } from '../src/domain/user.ts';

const USAGE = `Creates a user in the database the service would use (DATABASE_URL, or the embedded one under DATA_DIR).

  npm run user:create -- --email ada@example.com --role admin [--name "Ada"] [--status active] [--password-stdin]

The password is read from the USER_PASSWORD variable, or from standard input with --password-stdin
(never from an argument, which other users of the machine can see in the process list). Without one,
the user exists but cannot sign in until an admin sets a password.`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string', default: 'member' },
      status: { type: 'string', default: 'active' },
      'password-stdin': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) return console.log(USAGE);
  if (!values.email) throw new UsageError('--email is required');
  if (!(USER_ROLES as readonly string[]).includes(values.role)) throw new UsageError(`--role must be one of ${USER_ROLES.join(', ')}`);
  if (!(USER_STATUSES as readonly string[]).includes(values.status)) throw new UsageError(`--status must be one of ${USER_STATUSES.join(', ')}`);
  const password = values['password-stdin'] ? (await text(process.stdin)).replace(/\r?\n$/, '') : process.env.USER_PASSWORD || undefined;

  const database = await openDatabase({ databaseUrl: process.env.DATABASE_URL || undefined, dataDir: process.env.DATA_DIR || './.data' });
  try {
    await database.migrate();
    const { create } = cliUserUseCases(database);
    const user = await create.execute(
      { email: values.email, name: values.name ?? values.email.split('@')[0] ?? values.email, role: values.role as UserRole, status: values.status as UserStatus, password },
      SYSTEM_ACTOR,
    );
    console.log(JSON.stringify({ id: user.id, email: user.email, role: user.role, status: user.status, canSignIn: user.passwordHash !== null }));
  } finally {
    await database.close();
  }
}

await runCommand(main, USAGE);
