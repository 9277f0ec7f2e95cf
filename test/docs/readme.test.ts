import { describe, expect, it } from 'vitest';
import { readPage } from './markdown.ts';

/** The README is a front door: short enough to read, and about the code, not its tracker. */
describe('README.md', () => {
  const readme = readPage('README.md');

  it('stays within 250 lines', () => {
    expect(readme.trimEnd().split('\n').length).toBeLessThanOrEqual(250);
  });

  it('names no issue number', () => {
    const mentions = readme.match(/\bissues?[\s-]*#?\d+|(?<![\w&/])#\d+\b/gi) ?? [];
    expect(mentions).toEqual([]);
  });

  it('shows the quick start, the API and the architecture it promises', () => {
    for (const section of ['## Quick start', '## Architecture', '## The API at a glance', '## Configuration', '## Typed client']) {
      expect(readme).toContain(section);
    }
    for (const route of ['/api/users', '/api/posts', '/api/auth/login', '/api/auth/sessions', '/api/jobs/:id', '/readyz']) {
      expect(readme).toContain(route);
    }
  });
});
