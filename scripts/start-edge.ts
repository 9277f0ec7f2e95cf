/**
 * `npm run start:edge`: the edge entry under workerd (from its npm package) on PORT, with this
 * process's environment (DATABASE_URL, JWT_PRIVATE_KEY, ...) as bindings. Build it first
 * (`npm run build:edge`). Point DATABASE_URL at a pooler (PgBouncer in transaction mode): every
 * request opens its own connections. See docs/edge.md.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { workerdConfig } from './workerd-config.ts';

const dist = fileURLToPath(new URL('../dist/edge/', import.meta.url));
/** The variables the service reads (src/config.ts), plus the edge's own. */
const bindings = Object.fromEntries(Object.entries(process.env).filter((entry): entry is [string, string] => /^[A-Z][A-Z0-9_]*$/.test(entry[0]) && entry[1] !== undefined && !/^(PATH|HOME|PWD|SHELL|USER|TERM|HOSTNAME|SHLVL|OLDPWD|_)$/.test(entry[0]) && !entry[0].startsWith('npm_')));
writeFileSync(`${dist}workerd.capnp`, workerdConfig({ port: Number(process.env.PORT ?? 3000), host: process.env.HOST ?? '127.0.0.1', bindings }));
// The binary, not the package's bin/workerd (a Node wrapper that would not pass our signals on to it).
const workerd = (createRequire(import.meta.url)('workerd') as { default: string }).default;
const child = spawn(workerd, ['serve', `${dist}workerd.capnp`], { stdio: 'inherit' });
for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 1));
