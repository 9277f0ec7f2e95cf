/**
 * The edge has no disk to read the /docs page's files from (src/adapters/http/docs-assets.ts reads
 * swagger-ui-dist and our own from there on Node), so its bundle holds them: this esbuild plugin
 * replaces that module with one that has the same files, as text, with the versions Node computes.
 */
import { readFileSync } from 'node:fs';
import type { Plugin } from 'esbuild';
import { describeAsset, docsAssetFiles } from '../src/adapters/http/docs-assets.ts';

export const embeddedDocsAssets: Plugin = {
  name: 'embedded-docs-assets',
  setup(build) {
    build.onLoad({ filter: /[\\/]adapters[\\/]http[\\/]docs-assets\.ts$/ }, () => {
      const files = docsAssetFiles().map(({ name, path }) => {
        const body = readFileSync(path);
        const { contentType, version } = describeAsset(name, body);
        return [name, contentType, version, body.toString('utf8')];
      });
      const contents = [
        `const FILES = ${JSON.stringify(files)};`,
        // Encoded on first use, once per isolate: most isolates never serve /docs.
        'export function docsAssets() {',
        '  let assets;',
        '  return async () => (assets ??= new Map(FILES.map(([name, contentType, version, text]) => [name, { body: new TextEncoder().encode(text), contentType, version }])));',
        '}',
      ].join('\n');
      return { contents, loader: 'js' };
    });
  },
};
