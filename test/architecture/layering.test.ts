import { mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { checkLayer, checkSource, findImports, formatViolations, resolveSpecifier, sourceFiles } from './import-rules.ts';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const DOMAIN = join(ROOT, 'src/domain');
const APPLICATION = join(ROOT, 'src/application');

describe('the dependency rule holds in src', () => {
  it('src/domain imports nothing outside src/domain: no package, no node: module, no other layer', () => {
    const { files, imports, violations } = checkLayer(DOMAIN, [DOMAIN]);
    expect(files.length).toBeGreaterThan(0);
    expect(files).toContain(join(DOMAIN, 'user.ts'));
    expect(imports).toBeGreaterThan(0); // it parsed real imports (user.ts imports errors.ts)
    expect(formatViolations(violations)).toBe('');
  });

  it('src/application imports nothing outside src/domain and src/application', () => {
    const { files, imports, violations } = checkLayer(APPLICATION, [DOMAIN, APPLICATION]);
    expect(files.length).toBeGreaterThan(0);
    expect(files).toContain(join(APPLICATION, 'users/create-user.ts')); // nested directories are scanned
    expect(imports).toBeGreaterThan(files.length);
    expect(formatViolations(violations)).toBe('');
  });
});

describe('the application is sliced, and its ports and outbound adapters stay apart', () => {
  const PORTS = join(APPLICATION, 'ports');
  const SHARED = join(APPLICATION, 'shared');
  const ADAPTERS = join(ROOT, 'src/adapters');

  it('src/application has no loose files: each is in a slice, ports/ or shared/', () => {
    const loose = readdirSync(APPLICATION, { withFileTypes: true }).filter((entry) => !entry.isDirectory());
    expect(loose.map((entry) => entry.name)).toEqual([]);
    const folders = readdirSync(APPLICATION, { withFileTypes: true }).map((entry) => entry.name).sort();
    expect(folders).toEqual(['auth', 'events', 'jobs', 'ports', 'posts', 'shared', 'users']);
  });

  it('a port imports only the domain and other ports', () => {
    const { files, violations } = checkLayer(PORTS, [DOMAIN, PORTS]);
    expect(files).toContain(join(PORTS, 'user-repository.ts'));
    expect(formatViolations(violations)).toBe('');
  });

  /** Imports of `file` that land in the application outside ports/ and shared/. */
  const intoSlices = (file: string, text: string) =>
    findImports(text, file).filter((site) => {
      const target = site.specifier === null ? null : resolveSpecifier(site.specifier, file);
      const inside = (dir: string) => target !== null && target.startsWith(dir + sep);
      return inside(APPLICATION) && !inside(PORTS) && !inside(SHARED);
    });

  it('an outbound adapter imports from the application only its ports and its shared mechanisms', () => {
    // The HTTP adapter is inbound: it calls the slices' use cases. Every other adapter implements ports.
    const outbound = sourceFiles(ADAPTERS).filter((file) => !file.startsWith(join(ADAPTERS, 'http') + sep));
    expect(outbound.length).toBeGreaterThan(20);
    const offending = outbound.flatMap((file) => intoSlices(file, readFileSync(file, 'utf8')).map((site) => `${file}:${site.line} ${site.specifier}`));
    expect(offending).toEqual([]);
  });

  it('(the slice check itself) flags an adapter reaching into a slice, and lets ports and shared through', () => {
    const probe = join(ADAPTERS, 'cache/probe.ts');
    const text = [
      "import type { Cache } from '../../application/ports/cache.ts';",
      "import { Batcher } from '../../application/shared/batcher.ts';",
      "import { Login } from '../../application/auth/login.ts';",
    ].join('\n');
    expect(intoSlices(probe, text).map((site) => site.line)).toEqual([3]);
  });
});

describe('the checker itself (so the tests above cannot pass vacuously)', () => {
  const domainFile = join(DOMAIN, 'probe.ts');
  const applicationFile = join(APPLICATION, 'users/probe.ts');
  const domainOnly = (text: string) => checkSource(domainFile, text, [DOMAIN]);
  const applicationRule = (text: string) => checkSource(applicationFile, text, [DOMAIN, APPLICATION]);

  it('finds every form of import', () => {
    const sites = findImports(
      [
        "import { a } from './a.ts';",
        "import type { B } from './b.ts';",
        "import * as c from './c.ts';",
        "import './d.ts';",
        "export { e } from './e.ts';",
        "export * from './f.ts';",
        "export type { G } from './g.ts';",
        "const h = await import('./h.ts');",
        "const i = require('./i.ts');",
        "type J = typeof import('./j.ts');",
        'const k = await import(`./k.ts`);',
        'const l = await import(name);',
      ].join('\n'),
    );
    expect(sites.map((s) => [s.kind, s.specifier, s.line])).toEqual([
      ['import', './a.ts', 1],
      ['import', './b.ts', 2],
      ['import', './c.ts', 3],
      ['side-effect', './d.ts', 4],
      ['export', './e.ts', 5],
      ['export', './f.ts', 6],
      ['export', './g.ts', 7],
      ['dynamic', './h.ts', 8],
      ['require', './i.ts', 9],
      ['type-import', './j.ts', 10],
      ['dynamic', './k.ts', 11],
      ['dynamic', null, 12],
    ]);
  });

  it.each([
    ['an npm package', "import { z } from 'zod';"],
    ['a type-only npm import', "import type { Context } from 'hono';"],
    ['a scoped npm package', "import { MikroORM } from '@mikro-orm/core';"],
    ['a node: module', "import { randomUUID } from 'node:crypto';"],
    ['a bare builtin', "import fs from 'fs';"],
    ['a subpath import', "import x from '#internal/x.ts';"],
    ['a side-effect import of a package', "import 'reflect-metadata';"],
    ['a re-export from a package', "export * from 'node:path';"],
    ['a named re-export from another layer', "export { ListUsers } from '../application/use-cases/list-users.ts';"],
    ['an adapter', "import { ScryptPasswordHasher } from '../adapters/security/scrypt-password-hasher.ts';"],
    ['the application layer', "import type { Clock } from '../application/ports/clock.ts';"],
    ['the composition root', "import { config } from '../config.ts';"],
    ['test code', "import { aUser } from '../../test/support/builders.ts';"],
    ['a sibling directory sharing the prefix', "import x from '../domain-extras/x.ts';"],
    ['a path that leaves and re-enters nowhere', "import x from './../domain/../adapters/x.ts';"],
    ['a dynamic import of another layer', "const m = await import('../adapters/x.ts');"],
    ['a dynamic import of a package', "const m = await import('pg');"],
    ['a computed dynamic import', 'const name = "pg"; const m = await import(name);'],
    ['a require', "const fs = require('node:fs');"],
    ['an import-equals', "import fs = require('fs');"],
    ['a type query of a package', "type T = typeof import('hono');"],
    ['an absolute path outside', `import x from '${join(ROOT, 'src/adapters/x.ts')}';`],
    ['a file URL outside', `import x from 'file://${join(ROOT, 'src/adapters/x.ts')}';`],
  ])('flags, in src/domain, %s', (_why, text) => {
    const violations = domainOnly(text);
    expect(violations).toHaveLength(1);
    expect(violations[0]?.file).toBe(domainFile);
  });

  it('allows what the rule allows, including dot segments that stay inside', () => {
    const text = [
      "import { ValidationError } from './errors.ts';",
      "import type { User } from './user.ts';",
      "export * from './user-errors.ts';",
      "import './nested/../user.ts';",
      "const m = await import('./user.ts');",
      `import y from '${join(DOMAIN, 'user.ts')}';`,
    ].join('\n');
    expect(domainOnly(text)).toEqual([]);
  });

  it('ignores import-like text in comments and strings', () => {
    const text = [
      "// import { z } from 'zod';",
      "/* export * from '../adapters/x.ts'; */",
      "const s = \"import 'node:fs'\";",
      'const t = `await import("pg")`;',
    ].join('\n');
    expect(findImports(text)).toEqual([]);
    expect(domainOnly(text)).toEqual([]);
  });

  it('lets src/application import src/domain and itself, and nothing else', () => {
    expect(
      applicationRule(
        [
          "import { parseUserId } from '../../domain/user.ts';",
          "import type { Clock } from '../ports/clock.ts';",
          "import { assertPrecondition } from '../precondition.ts';",
        ].join('\n'),
      ),
    ).toEqual([]);
    const violations = applicationRule(
      [
        "import { parseUserId } from '../../domain/user.ts';",
        "import { Hono } from 'hono';",
        "import { SystemClock } from '../../adapters/system/system-clock.ts';",
        "import { buildApp } from '../../bootstrap.ts';",
        "import { createHash } from 'node:crypto';",
      ].join('\n'),
    );
    expect(violations.map((v) => [v.line, v.specifier])).toEqual([
      [2, 'hono'],
      [3, '../../adapters/system/system-clock.ts'],
      [4, '../../bootstrap.ts'],
      [5, 'node:crypto'],
    ]);
  });

  describe('on a directory tree', () => {
    const tmp = mkdtempSync(join(tmpdir(), 'layering-'));
    afterAll(() => rmSync(tmp, { recursive: true, force: true }));

    it('scans nested files and reports each violation with its file and line', () => {
      const domain = join(tmp, 'src/domain');
      mkdirSync(join(domain, 'nested/deeper'), { recursive: true });
      mkdirSync(join(tmp, 'src/adapters'), { recursive: true });
      writeFileSync(join(tmp, 'src/adapters/db.ts'), 'export const db = 1;\n');
      writeFileSync(join(domain, 'clean.ts'), "import { x } from './nested/deeper/leaf.ts';\nexport const y = x;\n");
      writeFileSync(join(domain, 'nested/deeper/leaf.ts'), "export const x = 1;\nexport { db } from '../../../adapters/db.ts';\n");
      writeFileSync(join(domain, 'nested/dynamic.ts'), "export async function f() {\n  return import('node:fs');\n}\n");
      writeFileSync(join(domain, 'notes.md'), "import 'zod'\n"); // not source: not scanned

      const { files, violations } = checkLayer(domain, [domain]);
      expect(files).toEqual([join(domain, 'clean.ts'), join(domain, 'nested/deeper/leaf.ts'), join(domain, 'nested/dynamic.ts')]);
      expect(violations.map((v) => [v.file, v.line, v.kind, v.specifier])).toEqual([
        [join(domain, 'nested/deeper/leaf.ts'), 2, 'export', '../../../adapters/db.ts'],
        [join(domain, 'nested/dynamic.ts'), 2, 'dynamic', 'node:fs'],
      ]);
    });

    it('follows a symlink that points out of the layer', () => {
      const domain = join(tmp, 'linked/src/domain');
      mkdirSync(domain, { recursive: true });
      mkdirSync(join(tmp, 'linked/outside'), { recursive: true });
      writeFileSync(join(tmp, 'linked/outside/secret.ts'), 'export const secret = 1;\n');
      symlinkSync(join(tmp, 'linked/outside'), join(domain, 'looks-inside'));
      const violations = checkSource(join(domain, 'a.ts'), "import { secret } from './looks-inside/secret.ts';", [domain]);
      expect(violations).toHaveLength(1);
      expect(violations[0]?.reason).toContain(realpathSync(join(tmp, 'linked/outside/secret.ts')));
    });
  });
});
