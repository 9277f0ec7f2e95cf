import { readdirSync, readFileSync, realpathSync, existsSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/**
 * The dependency rule, machine-checked: a layer's files may import only from inside the allowed
 * directories. Imports are found by parsing (TypeScript's own parser), not by grepping, so every
 * form counts — `import ... from`, `import type`, `export ... from`, side-effect `import '...'`,
 * dynamic `import()`, `require()`, `import x = require()` and `typeof import('...')` types — while
 * text in comments and strings does not. Relative specifiers are resolved to absolute paths (and
 * through symlinks, where the target exists), so `./../domain/../adapters/x.ts` or a sibling
 * directory such as `src/domain-extras` cannot slip through; every bare specifier (an npm package,
 * a `node:` module, a `#subpath` import) lies outside any source directory, so it is a violation.
 */

export type ImportKind = 'import' | 'export' | 'side-effect' | 'dynamic' | 'require' | 'import-equals' | 'type-import';

export type ImportSite = Readonly<{
  kind: ImportKind;
  /** The module specifier, or null when it is computed at run time and so cannot be checked. */
  specifier: string | null;
  line: number;
}>;

export type Violation = Readonly<{ file: string; line: number; kind: ImportKind; specifier: string | null; reason: string }>;

export const SOURCE_EXTENSIONS = ['.ts', '.mts', '.cts', '.tsx', '.js', '.mjs', '.cjs'];

export function findImports(sourceText: string, fileName = 'source.ts'): ImportSite[] {
  const source = ts.createSourceFile(fileName, sourceText, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const sites: ImportSite[] = [];
  const add = (kind: ImportKind, node: ts.Node, specifier: ts.Node | undefined) => {
    const text = specifier && ts.isStringLiteralLike(specifier) ? specifier.text : null;
    sites.push({ kind, specifier: text, line: source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1 });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) {
      add(node.importClause ? 'import' : 'side-effect', node, node.moduleSpecifier);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier) {
      add('export', node, node.moduleSpecifier);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      add('import-equals', node, node.moduleReference.expression);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      add('dynamic', node, node.arguments[0]);
    } else if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'require') {
      add('require', node, node.arguments[0]);
    } else if (ts.isImportTypeNode(node)) {
      const argument = node.argument;
      add('type-import', node, ts.isLiteralTypeNode(argument) ? argument.literal : undefined);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return sites;
}

function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!isAbsolute(rel) && rel.split(sep)[0] !== '..');
}

/** Where a specifier points on disk, or null when it names no path (a package or a builtin). */
export function resolveSpecifier(specifier: string, fromFile: string): string | null {
  if (specifier === '.' || specifier === '..' || specifier.startsWith('./') || specifier.startsWith('../')) {
    return resolve(dirname(fromFile), specifier);
  }
  if (specifier.startsWith('file:')) return fileURLToPath(specifier);
  if (isAbsolute(specifier)) return resolve(specifier);
  return null;
}

/** Checks one file's text against the allowed directories (absolute paths). */
export function checkSource(file: string, sourceText: string, allowedRoots: readonly string[]): Violation[] {
  const roots = allowedRoots.map((root) => resolve(root));
  const violations: Violation[] = [];
  for (const site of findImports(sourceText, file)) {
    const report = (reason: string) => violations.push({ file, line: site.line, kind: site.kind, specifier: site.specifier, reason });
    if (site.specifier === null) {
      report('the module is computed at run time, so the rule cannot be checked; import a literal path');
      continue;
    }
    const target = resolveSpecifier(site.specifier, file);
    if (target === null) {
      report(`"${site.specifier}" is a package or builtin module, outside ${roots.map((r) => relative(process.cwd(), r) || r).join(' and ')}`);
      continue;
    }
    const real = existsSync(target) ? realpathSync(target) : target;
    const allowed = (path: string) => roots.some((root) => isInside(root, path) || (existsSync(root) && isInside(realpathSync(root), path)));
    if (!allowed(target) || !allowed(real)) {
      report(`"${site.specifier}" resolves to ${real}, outside the allowed directories`);
    }
  }
  return violations;
}

/** Every source file under `dir`, recursively, sorted. */
export function sourceFiles(dir: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...sourceFiles(path));
    else if (SOURCE_EXTENSIONS.some((ext) => entry.name.endsWith(ext))) files.push(path);
  }
  return files.sort();
}

/** Checks every source file under `layerDir`; returns what it scanned, so a caller can see it scanned something. */
export function checkLayer(layerDir: string, allowedRoots: readonly string[]): { files: string[]; imports: number; violations: Violation[] } {
  const files = sourceFiles(layerDir);
  let imports = 0;
  const violations: Violation[] = [];
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    imports += findImports(text, file).length;
    violations.push(...checkSource(file, text, allowedRoots));
  }
  return { files, imports, violations };
}

export function formatViolations(violations: readonly Violation[]): string {
  return violations.map((v) => `${v.file}:${v.line} ${v.kind} ${JSON.stringify(v.specifier)}: ${v.reason}`).join('\n');
}
