import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { documentationPages, headingAnchors, linkTargets, readPage, ROOT } from './markdown.ts';

/**
 * The README and docs/ link only inside the repository, so a fork or a clone without the
 * workspace around it has no broken links: every relative link names a file or directory that
 * exists, and every anchor into a Markdown page names one of its headings.
 */
function linkProblems(page: string): string[] {
  const problems: string[] = [];
  for (const target of linkTargets(readPage(page))) {
    if (/^[a-z][a-z\d+.-]*:/i.test(target)) {
      problems.push(`${target}: leaves the repository (link to a copy inside it)`);
      continue;
    }
    const [path = '', anchor] = target.split('#', 2);
    const file = path === '' ? join(ROOT, page) : resolve(ROOT, dirname(page), decodeURI(path));
    if (file !== ROOT && !file.startsWith(ROOT + sep)) {
      problems.push(`${target}: outside the repository`);
    } else if (!existsSync(file)) {
      problems.push(`${target}: no such file`);
    } else if (anchor !== undefined && file.endsWith('.md') && !headingAnchors(readPage(relative(ROOT, file))).has(anchor)) {
      problems.push(`${target}: no heading with that anchor`);
    }
  }
  return problems;
}

describe('documentation links', () => {
  it('covers the README and every docs/ page', () => {
    expect(documentationPages()).toEqual(expect.arrayContaining(['README.md', 'docs/api.md', 'docs/architecture.md', 'docs/security.md']));
  });

  it.each(documentationPages())('%s links only to files and headings that exist in the repository', (page) => {
    expect(linkProblems(page)).toEqual([]);
  });
});

describe('the link reader', () => {
  it('reads links outside code and ignores those in fences and code spans', () => {
    const markdown = ['See [a](docs/a.md#x) and `[b](b.md)`.', '```', '[c](c.md)', '```', '[d](../d.md "title")'].join('\n');
    expect(linkTargets(markdown)).toEqual(['docs/a.md#x', '../d.md']);
  });

  it("names headings as GitHub's anchors", () => {
    const markdown = ['# Users', '## Under load (64 connections, 100,000 users)', "## The service's own overhead", '## `fields` and ETags', '## Users'].join('\n');
    expect([...headingAnchors(markdown)]).toEqual(['users', 'under-load-64-connections-100000-users', 'the-services-own-overhead', 'fields-and-etags', 'users-1']);
  });
});
