import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildNode } from '../../../scripts/build.ts';
import { parse, parseAllDocuments } from 'yaml';
import { freePort } from '../../support/private-server.ts';
import { startPrivateNats, type PrivateNats } from '../../support/nats-server.ts';
import { createTestDatabase } from '../../support/postgres.ts';
import { startPrivateRedis, type PrivateRedis } from '../../support/redis-server.ts';
import { composeConfig } from './compose-config.ts';
import { envLines, generatedSecrets, imageDefaults, interpolate, local, logged, read, ROOT, startAsContainer, type Started } from './deploy-files.ts';

/**
 * No Docker engine here: the deploy files are read as compose and Kubernetes would read them, and
 * each service's command runs as a local process with exactly the environment its container gets
 * (the image's ENV, then the service's), the secrets made by the documented recipe, and only the
 * backing services' addresses and the listening ports moved to this machine's.
 */
const SECRET_NAMES = ['JWT_PRIVATE_KEY', 'CURSOR_SECRET', 'POSTGRES_PASSWORD'];

type Compose = { services: Record<string, { image?: string; command?: string[]; environment?: Record<string, string | number> }> };
type Container = { name: string; image: string; command?: string[]; env?: { name: string; value: string }[]; envFrom?: { secretRef: { name: string } }[] };
type Manifest = { kind: string; metadata: { name: string }; spec: { template?: { spec: { containers: Container[] } } } };

/** deploy/compose.yaml as `docker-compose config` resolves it with the generated secrets. */
async function resolvedCompose(): Promise<Compose> {
  const result = await composeConfig(join(ROOT, 'deploy/compose.yaml'), await generatedSecrets());
  if (!result.ok) throw new Error(result.errors);
  return parse(result.output) as Compose;
}

const version = async () => (JSON.parse(await read('package.json')) as { version: string }).version;

let nats: PrivateNats;
let redis: PrivateRedis;
const databases: Awaited<ReturnType<typeof createTestDatabase>>[] = [];
beforeAll(async () => {
  // The image's commands run dist/, which its build stage makes with `npm run build`.
  [nats, redis] = await Promise.all([startPrivateNats(), startPrivateRedis(), buildNode()]);
}, 120_000);
afterAll(async () => {
  await Promise.all([nats?.stop(), redis?.stop()]);
  for (const database of databases) await database.drop();
});

/** The backing services for one deployment: its own database, this file's Redis and NATS. */
async function servers() {
  const database = await createTestDatabase();
  databases.push(database);
  return { database: database.url, redis: redis.url, nats: nats.url };
}

/** Ports moved off the container's (3000, 9464), which other processes here may hold. */
async function movedPorts(env: Record<string, string>): Promise<Record<string, string>> {
  return { ...env, PORT: String(await freePort()), ...(env.METRICS_PORT ? { METRICS_PORT: String(await freePort()) } : {}) };
}

/** Starts the API and the worker, checks each is ready, and stops them (exit 0 on SIGTERM). */
async function startBoth(api: { command: string[]; env: Record<string, string> }, worker: { command: string[]; env: Record<string, string> }): Promise<void> {
  const started: Started[] = [];
  try {
    const apiProcess = await startAsContainer(api.command, api.env, logged('listening'));
    started.push(apiProcess);
    const ready = await fetch(`http://127.0.0.1:${api.env.PORT}/readyz`);
    expect(ready.status, await ready.clone().text()).toBe(200);
    started.push(await startAsContainer(worker.command, worker.env, logged('worker started')));
  } finally {
    for (const process of started) process.child.kill('SIGTERM');
    const codes = await Promise.all(started.map((process) => process.exit));
    expect(codes, started.map((process) => process.lines.join('\n')).join('\n---\n')).toEqual(started.map(() => 0));
  }
}

describe('deploy/Dockerfile', () => {
  it('runs the Node version of .nvmrc and gives the non-root user a writable data directory', async () => {
    const { text, env, cmd } = await imageDefaults();
    const nvmrc = (await read('.nvmrc')).trim();
    expect([...text.matchAll(/^FROM node:(\S+?)-/gm)].map((match) => match[1])).toEqual([nvmrc, nvmrc, nvmrc]);
    expect(env).toMatchObject({ NODE_ENV: 'production', PORT: '3000' });
    expect(cmd).toEqual(['node', '--max-semi-space-size=8', '--enable-source-maps', 'dist/main.js']);
    // ./.data under WORKDIR /app, owned by node, made before USER node.
    const lastStage = text.slice(text.lastIndexOf('\nFROM '));
    expect(lastStage).toMatch(/WORKDIR \/app\n[\s\S]*RUN mkdir \/app\/\.data && chown node:node \/app\/\.data\nUSER node\n/);
  });
});

describe('deploy/compose.yaml', () => {
  it('commits no secret: each is a required variable, and compose stops naming it when unset', async () => {
    const text = await read('deploy/compose.yaml');
    for (const name of SECRET_NAMES) {
      const values = [...text.matchAll(new RegExp(`^\\s*${name}: (.*)$`, 'gm'))].map((match) => match[1]);
      expect(values.length, name).toBeGreaterThan(0);
      for (const value of values) expect(value, name).toMatch(new RegExp(`^\\$\\{${name}:\\?`));
    }
    expect(text).toMatch(/DATABASE_URL: postgres:\/\/postgres:\$\{POSTGRES_PASSWORD:\?[^}]+\}@/);
    for (const missing of SECRET_NAMES) {
      const secrets = await generatedSecrets();
      delete secrets[missing];
      expect(() => interpolate(parse(text, { merge: true }), secrets)).toThrow(`required variable ${missing} is missing`);
    }
  });

  it('pins every image to a version, the service\'s own to package.json\'s', async () => {
    const compose = await resolvedCompose();
    const images = Object.values(compose.services).map((service) => service.image ?? '');
    expect(images.every((image) => /^[\w./-]+:\d[\w.-]*$/.test(image))).toBe(true);
    expect(compose.services.api?.image).toBe(`users-service:${await version()}`);
    expect(compose.services.worker?.image).toBe(`users-service:${await version()}`);
  });

  it('starts the api (ready) and the worker with the environment compose gives them', { timeout: 180_000 }, async () => {
    const compose = await resolvedCompose();
    const image = await imageDefaults();
    const here = await servers();
    const environmentOf = async (name: string) => {
      // `KEY:` with nothing (an empty ${VAR:-}) is null: compose then passes the variable only if set.
      const entries = Object.entries(compose.services[name]?.environment ?? {}).filter(([, value]) => value !== null);
      const own = Object.fromEntries(entries.map(([key, value]) => [key, local(String(value), here)]));
      return movedPorts({ ...image.env, ...own });
    };
    const api = { command: compose.services.api?.command ?? image.cmd, env: await environmentOf('api') };
    const worker = { command: compose.services.worker?.command ?? image.cmd, env: await environmentOf('worker') };
    expect(worker.command).toEqual(['node', '--max-semi-space-size=8', '--enable-source-maps', 'dist/worker.js']);
    for (const name of ['JWT_PRIVATE_KEY', 'CURSOR_SECRET', 'DATABASE_URL', 'NATS_URL', 'REDIS_URL']) {
      expect(api.env[name], `api ${name}`).toBeTruthy();
      expect(worker.env[name], `worker ${name}`).toBeTruthy();
    }
    await startBoth(api, worker);
  });
});

describe('deploy/k8s', () => {
  async function manifests(): Promise<{ text: string; documents: Manifest[] }> {
    const text = await read('deploy/k8s/deployment.yaml');
    return { text, documents: parseAllDocuments(text).map((document) => document.toJS() as Manifest) };
  }

  it('pins the image to package.json\'s version', async () => {
    const { documents } = await manifests();
    const expected = await version();
    const containers = documents.flatMap((document) => document.spec.template?.spec.containers ?? []);
    expect(containers.map((container) => container.image)).toEqual(containers.map(() => `users-service:${expected}`));
  });

  it('starts the api (ready) and the worker with the Secret its recipe makes and each container\'s env', { timeout: 180_000 }, async () => {
    const { text, documents } = await manifests();
    // The recipe in the header: the generated secrets (less the compose-only PostgreSQL password),
    // then the addresses written after them.
    expect(text).toMatch(/npm run -s deploy:secrets \| grep -v POSTGRES_PASSWORD > users-service\.env/);
    const { POSTGRES_PASSWORD: _composeOnly, ...generated } = await generatedSecrets();
    const here = await servers();
    const written = envLines(text.split('\n').filter((line) => line.startsWith('#   ')).map((line) => line.slice(4)).join('\n'));
    const secret = { ...generated, ...Object.fromEntries(Object.entries(written).map(([key, value]) => [key, local(value, here)])) };
    expect(Object.keys(secret).sort()).toEqual(['CURSOR_SECRET', 'DATABASE_URL', 'JWT_PRIVATE_KEY', 'NATS_URL', 'REDIS_URL']);

    const image = await imageDefaults();
    const container = async (deployment: string) => {
      const spec = documents.find((document) => document.kind === 'Deployment' && document.metadata.name === deployment)?.spec.template?.spec.containers[0];
      if (!spec) throw new Error(`no Deployment ${deployment}`);
      expect(spec.envFrom).toEqual([{ secretRef: { name: 'users-service' } }]);
      const own = Object.fromEntries((spec.env ?? []).map((variable) => [variable.name, variable.value]));
      return { command: spec.command ?? image.cmd, env: await movedPorts({ ...image.env, ...secret, ...own }) };
    };
    await startBoth(await container('users-service'), await container('users-service-worker'));
  });
});
