/**
 * The two load generators the benchmark can drive a server with, behind one call.
 *
 * - wrk (C, event-driven, `apt-get install wrk`): the default when it is on PATH. It needs a
 *   fraction of a core for 64 connections, so on a small machine the servers get the CPU.
 * - autocannon (Node): the fallback. It costs about a whole core at these rates, which it takes
 *   from the server under test on a 2-core machine (both servers alike, but the ratios then
 *   measure a CPU-starved server rather than what a user sees).
 *
 * A request is a template: `{id}` in the path becomes a random id of the sample (a fresh pick per
 * request), `{n}` in the body a number unique within the run. For wrk both are expanded by a Lua
 * script written per run; its `done` hook prints the figures as one JSON line.
 */
import autocannon from 'autocannon';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type RequestTemplate = {
  method: 'GET' | 'POST';
  /** `{id}`: a random id from `ids`, picked per request. */
  path: string;
  headers: Record<string, string>;
  /** `{n}`: a number unique within this run (for unique emails). */
  body?: string;
};
export type Figures = { rps: number; p50: number; p99: number; max: number; errors: number; requests: number };
export type LoadOptions = { url: string; connections: number; duration: number; threads: number; ids: readonly string[]; template: RequestTemplate };
export type Tool = 'wrk' | 'autocannon';

export function wrkAvailable(): boolean {
  try {
    execFileSync('wrk', ['--version'], { stdio: 'ignore' });
    return true;
  } catch (error) {
    // wrk --version exits 1 after printing its version; only a missing binary is ENOENT.
    return (error as NodeJS.ErrnoException).code !== 'ENOENT';
  }
}

export function runLoad(tool: Tool, options: LoadOptions): Promise<Figures> {
  return tool === 'wrk' ? runWrk(options) : runAutocannon(options);
}

let unique = 0;
const pick = (ids: readonly string[]) => ids[Math.floor(Math.random() * ids.length)] as string;

async function runAutocannon({ url, connections, duration, ids, template }: LoadOptions): Promise<Figures> {
  const result = await autocannon({
    url,
    connections,
    duration,
    // Extend the request autocannon hands in (it carries default headers) rather than replace it.
    requests: [
      {
        setupRequest: (request) => ({
          ...request,
          method: template.method,
          path: template.path.replaceAll('{id}', () => pick(ids)),
          headers: { ...request.headers, ...template.headers },
          ...(template.body === undefined ? {} : { body: template.body.replaceAll('{n}', () => `a${unique++}`) }),
        }),
      },
    ],
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    errors: result.errors + result.non2xx + result.timeouts,
    requests: result.requests.total,
  };
}

const lua = (text: string) => JSON.stringify(text); // a JSON string literal is a valid Lua string literal for this ASCII text

function wrkScript({ ids, template }: LoadOptions, tag: string): string {
  const headers = Object.entries(template.headers).map(([name, value]) => `[${lua(name)}] = ${lua(value)}`).join(', ');
  return `
local ids = { ${ids.map(lua).join(',')} }
local method, template, body, tag = ${lua(template.method)}, ${lua(template.path)}, ${template.body === undefined ? 'nil' : lua(template.body)}, ${lua(tag)}
local headers = { ${headers} }
local threads, counter = 0, 0
function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end
function init(args)
  math.randomseed(os.time() * 1000 + tid * 7919)
end
function request()
  local path = template
  if #ids > 0 then path = (string.gsub(path, "{id}", ids[math.random(#ids)])) end
  local payload = nil
  if body then
    counter = counter + 1
    payload = (string.gsub(body, "{n}", tag .. "t" .. tid .. "n" .. counter))
  end
  return wrk.format(method, path, headers, payload)
end
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('BENCH_JSON {"requests":%d,"duration":%d,"p50":%.0f,"p99":%.0f,"max":%.0f,"errors":%d}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), latency.max,
    e.connect + e.read + e.write + e.status + e.timeout))
end
`;
}

async function runWrk(options: LoadOptions): Promise<Figures> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-wrk-'));
  const script = join(dir, 'request.lua');
  writeFileSync(script, wrkScript(options, `w${Date.now().toString(36)}${unique++}`));
  try {
    const args = ['-t', String(options.threads), '-c', String(options.connections), '-d', `${options.duration}s`, '--timeout', '10s', '-s', script, options.url];
    const child = spawn('wrk', args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    const line = /^BENCH_JSON (.+)$/m.exec(out)?.[1];
    if (code !== 0 || !line) throw new Error(`wrk exited with ${code}:\n${out}`);
    const figures = JSON.parse(line) as { requests: number; duration: number; p50: number; p99: number; max: number; errors: number };
    // wrk reports microseconds; the tables use milliseconds.
    const ms = (us: number) => Math.round(us / 100) / 10;
    return { rps: figures.requests / (figures.duration / 1e6), p50: ms(figures.p50), p99: ms(figures.p99), max: ms(figures.max), errors: figures.errors, requests: figures.requests };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
