/**
 * Cuts the bundle's source maps down to the project's own code. With `--enable-source-maps`, Node
 * reads every map at start and measures every line of the file it maps: mapping the packages cost
 * ~200 ms and 23 MiB of a 0.6 s start (docs/benchmarks.md), for stack frames inside packages that
 * the bundle's own comments name. A file of packages alone keeps no map at all.
 */
import { decode, encode, type SourceMapSegment } from '@jridgewell/sourcemap-codec';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

type SourceMap = { sources: string[]; sourcesContent?: (string | null)[]; names: string[]; mappings: string };

/** Every `.js.map` under `dir`, rewritten to map only sources outside node_modules. */
export async function keepOwnSourceMaps(dir: string): Promise<void> {
  const files = (await readdir(dir, { recursive: true })).filter((name) => name.endsWith('.js.map'));
  await Promise.all(
    files.map(async (name) => {
      const path = join(dir, name);
      const own = ownCode(JSON.parse(await readFile(path, 'utf8')) as SourceMap);
      if (own.sources.length > 0) return writeFile(path, JSON.stringify(own));
      const code = path.slice(0, -'.map'.length);
      await writeFile(code, (await readFile(code, 'utf8')).replace(/\n\/\/# sourceMappingURL=\S+\s*$/, '\n'));
      await rm(path);
    }),
  );
}

function ownCode(map: SourceMap): SourceMap {
  const sources: string[] = [];
  const names: string[] = [];
  const sourceIndex = new Map<number, number>();
  const nameIndex = new Map<number, number>();
  const keep = (index: number, from: string[], to: string[], seen: Map<number, number>) => {
    let kept = seen.get(index);
    if (kept === undefined) {
      kept = to.push(from[index] as string) - 1;
      seen.set(index, kept);
    }
    return kept;
  };
  const lines = decode(map.mappings).map((line) =>
    line.flatMap((segment): SourceMapSegment[] => {
      if (segment.length === 1) return [segment];
      const [column, source, sourceLine, sourceColumn] = segment;
      if (map.sources[source]?.includes('node_modules/')) return [];
      const ownSource = keep(source, map.sources, sources, sourceIndex);
      if (segment.length === 4) return [[column, ownSource, sourceLine, sourceColumn]];
      return [[column, ownSource, sourceLine, sourceColumn, keep(segment[4], map.names, names, nameIndex)]];
    }),
  );
  const { sourcesContent: _dropped, ...rest } = map;
  return { ...rest, sources, names, mappings: encode(lines) };
}
