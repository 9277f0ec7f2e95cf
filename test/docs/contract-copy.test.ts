import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPage, ROOT } from './markdown.ts';

/**
 * docs/api.md is the repository's own copy of the contract clients follow (shared/API.md beside
 * the checkout), so the docs can link it without leaving the repository. This keeps the copy
 * exact. The contract is found in the nearest ancestor's shared/ (a worktree sits deeper than the
 * main checkout), or at API_CONTRACT.
 */
function contractPath(): string {
  if (process.env.API_CONTRACT) return process.env.API_CONTRACT;
  for (let dir = dirname(ROOT); ; dir = dirname(dir)) {
    const candidate = join(dir, 'shared', 'API.md');
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) throw new Error(`no shared/API.md above ${ROOT}: set API_CONTRACT to the contract's path`);
  }
}

describe('docs/api.md', () => {
  it('is an exact copy of the contract', () => {
    const contract = readFileSync(contractPath(), 'utf8');
    expect(readPage('docs/api.md'), `copy ${contractPath()} to docs/api.md`).toBe(contract);
  });
});
