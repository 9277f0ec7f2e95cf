import { parseArgs } from 'node:util';
import { passwordProblem } from '../../src/domain/user.ts';

export type SeedOptions = {
  users: number;
  postsPerUser: number;
  batch: number;
  /** Statements in flight at once; undefined: the caller picks, from the database kind and the cores. */
  jobs: number | undefined;
  password: string;
  help: boolean;
};

/** A bad flag: the script prints its message (one line) and exits 1. */
export class UsageError extends Error {
  override name = 'UsageError';
}

// Upper bounds that catch a typo (an extra zero or three) before it fills a disk, while leaving
// room for any benchmark we plan: 10M users x 100 posts is a billion rows already. Ids are
// generated from an int4 series, so the user bound must stay below 2^31 anyway.
const BOUNDS = {
  users: { min: 0, max: 10_000_000 },
  'posts-per-user': { min: 0, max: 100 },
  batch: { min: 1, max: 1_000_000 },
  jobs: { min: 1, max: 32 },
} as const;

const NUMBER_FLAGS = new Set(Object.keys(BOUNDS).map((flag) => `--${flag}`));

export function parseSeedOptions(args: string[]): SeedOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: joinNegativeNumbers(args),
      options: {
        users: { type: 'string', default: '1000' },
        'posts-per-user': { type: 'string', default: '3' },
        batch: { type: 'string', default: '50000' },
        jobs: { type: 'string' },
        password: { type: 'string', default: 'seed-password' },
        help: { type: 'boolean', default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    // parseArgs' own messages are clear but multi-line for some cases; keep the first line.
    throw new UsageError((error as Error).message.split('\n')[0]);
  }
  // The password must be one the service would accept at sign-in, or the seeded accounts are useless.
  const problem = passwordProblem(values.password);
  if (problem) throw new UsageError(`--password: ${problem}`);
  return {
    users: wholeNumber('users', values.users),
    postsPerUser: wholeNumber('posts-per-user', values['posts-per-user']),
    batch: wholeNumber('batch', values.batch),
    jobs: values.jobs === undefined ? undefined : wholeNumber('jobs', values.jobs),
    password: values.password,
    help: values.help,
  };
}

/**
 * parseArgs refuses `--users -5` as "ambiguous" (it could be a forgotten value followed by a
 * flag `-5`). A negative number is what it is: hand it over as `--users=-5`, so that the range
 * check names the real problem.
 */
function joinNegativeNumbers(args: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    const next = args[i + 1];
    if (NUMBER_FLAGS.has(arg) && next !== undefined && /^-\d/.test(next)) {
      out.push(`${arg}=${next}`);
      i++;
    } else {
      out.push(arg);
    }
  }
  return out;
}

/** Digits only (so `1e6`, `-5`, `3.5` and `abc` are all refused), underscores allowed: `1_000_000`. */
function wholeNumber(flag: keyof typeof BOUNDS, raw: string): number {
  const { min, max } = BOUNDS[flag];
  const text = raw.replaceAll('_', '');
  const value = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new UsageError(`--${flag} must be a whole number from ${min} to ${max.toLocaleString('en-US')}, not "${raw}"`);
  }
  return value;
}
