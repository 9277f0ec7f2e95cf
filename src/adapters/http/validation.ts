import { zValidator } from '@hono/zod-validator';
import type { MiddlewareHandler } from 'hono';
import { z } from 'zod';
import { MAX_FIELDS, shownKey } from './error-bounds.ts';
import { PartialValidationError } from './partial-validation-error.ts';

type Target = 'json' | 'query' | 'param';
type Issue = z.core.$ZodIssue;
type RawIssue = z.core.$ZodRawIssue;

const UNKNOWN_KEY: Record<Target, string> = {
  json: 'is not a known property',
  query: 'is not a known query parameter',
  param: 'is not a known path parameter',
};

function article(word: string): string {
  return /^[aeiou]/.test(word) ? `an ${word}` : `a ${word}`;
}

/**
 * Zod's default messages ("Invalid input: expected string, received undefined") are written for
 * developers; clients get short predicates, which `fieldsOf` prefixes with the field's name.
 * Messages set on a schema itself take precedence over this map (zod's own rule).
 */
function predicate(target: Target, issue: RawIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'is required';
      // A repeated query parameter (`?limit=1&limit=2`) arrives as an array.
      if (target === 'query' && Array.isArray(issue.input)) return 'must be given only once';
      return `must be ${article(issue.expected === 'int' ? 'integer' : issue.expected)}`;
    case 'too_small':
      if (issue.origin !== 'string') return `must be at least ${issue.minimum}`;
      return issue.minimum === 1 ? 'must not be empty' : `must be at least ${issue.minimum} characters`;
    case 'too_big':
      return issue.origin === 'string' ? `must be at most ${issue.maximum} characters` : `must be at most ${issue.maximum}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map(String).join(', ')}`;
    case 'invalid_format':
      return `must be a valid ${issue.format}`;
    default:
      return 'is invalid';
  }
}

/** `refreshToken` reads as `Refresh token`, `address.city` as `Address.city`. */
function label(path: readonly PropertyKey[]): string {
  const text = path
    .map(String)
    .join('.')
    .replace(/([a-z0-9])([A-Z])/g, (_, before: string, upper: string) => `${before} ${upper.toLowerCase()}`);
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * Turns issues into the contract's `fields`: keyed by path (`email`, `address.city`, `limit`),
 * each unknown property named on its own. Problems with the whole input (a body that is an array)
 * have no field; they become the error's message instead. Only the first MAX_FIELDS problems are
 * written out; the rest are only counted, so 90,000 unknown keys cost no 90,000 sentences.
 */
export function fieldsOf(issues: readonly Issue[], target: Target): { fields: Record<string, string>; root?: string; omitted: number } {
  // No prototype: a client's unknown key `__proto__` must become an entry, not replace the prototype.
  const fields: Record<string, string> = Object.create(null);
  let named = 0;
  let unknownOmitted = 0;
  // Paths of the problems past the cap, so that two issues on one field count once.
  const overflow = new Set<string>();
  let root: string | undefined;
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const [index, unknown] of issue.keys.entries()) {
        if (named >= MAX_FIELDS) {
          // Object keys are distinct: every one left is a problem of its own.
          unknownOmitted += issue.keys.length - index;
          break;
        }
        const key = shownKey([...issue.path, unknown].map(String).join('.'));
        if (key in fields) {
          unknownOmitted += 1; // two long keys that read the same once cut
          continue;
        }
        // Quoted verbatim: the client's own spelling, not ours to capitalise.
        fields[key] = `"${key}" ${UNKNOWN_KEY[target]}`;
        named += 1;
      }
    } else if (issue.path.length === 0) {
      root ??= `${target === 'json' ? 'Request body' : 'Input'} ${issue.message}`;
    } else {
      const key = shownKey(issue.path.map(String).join('.'));
      if (key in fields) continue;
      if (named >= MAX_FIELDS) {
        overflow.add(key);
        continue;
      }
      // A domain rule's sentence already names its field ("Email must be a valid email address").
      const sentence = issue.code === 'custom' && issue.params?.sentence === true;
      fields[key] = sentence ? issue.message : `${label(issue.path)} ${issue.message}`;
      named += 1;
    }
  }
  const omitted = unknownOmitted + overflow.size;
  return root === undefined ? { fields, omitted } : { fields, root, omitted };
}

/**
 * zValidator with the contract's failure shape: every problem is thrown as the domain's
 * ValidationError, so the one error handler writes the 400 like any other.
 */
export function validate<T extends Target, S extends z.ZodType>(target: T, schema: S) {
  return zValidator(
    target,
    schema,
    (result) => {
      if (result.success) return;
      const { fields, root, omitted } = fieldsOf(result.error.issues, target);
      throw new PartialValidationError(fields, root ?? 'Validation failed', omitted);
    },
    // The cast only bridges zod-validator's conditional v3/v4 result type, which TypeScript
    // cannot resolve for a generic schema; the value is zod 4's own safeParse result.
    { validationFunction: async (s, value) => (await s.safeParseAsync(value, { error: (issue) => predicate(target, issue) })) as never },
  );
}

const NO_PARAMETERS = z.strictObject({});

/**
 * For routes that take no query parameters: any given is a 400 naming it, as the contract asks,
 * so a client's typo (`?limt=5`, `?dryRun=1`) is never silently ignored.
 */
export function noQuery(): MiddlewareHandler {
  const strict = validate('query', NO_PARAMETERS);
  // Most requests carry no query string at all: skip zod for them (it showed in the CPU profile).
  return (c, next) => (c.req.url.includes('?') ? strict(c, next) : next());
}
