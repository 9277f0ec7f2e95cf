import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { composeConfig } from './compose-config.ts';
import { generatedSecrets, read, ROOT } from './deploy-files.ts';
import { kubernetesErrors } from './kubernetes-schema.ts';

/**
 * Every YAML file under deploy/ is a compose file (top-level `services`) or Kubernetes manifests
 * (documents with apiVersion and kind), and passes its validator: `docker-compose config`, or the
 * Kubernetes OpenAPI schema with unknown fields rejected. Each validator is shown to reject a
 * broken copy, so a pass means something.
 */
const yamlFiles = (await readdir(join(ROOT, 'deploy'), { recursive: true })).filter((path) => /\.ya?ml$/.test(path)).sort();
const kinds = await Promise.all(
  yamlFiles.map(async (path) => {
    const text = await read(`deploy/${path}`);
    const documents = parseAllDocuments(text).map((document) => document.toJS() as Record<string, unknown> | null);
    if (documents.length === 1 && documents[0]?.services) return { path, kind: 'compose' as const };
    if (documents.every((document) => document?.apiVersion && document.kind)) return { path, kind: 'kubernetes' as const };
    return { path, kind: 'unknown' as const };
  }),
);
const composeFiles = kinds.filter((file) => file.kind === 'compose').map((file) => file.path);
const manifestFiles = kinds.filter((file) => file.kind === 'kubernetes').map((file) => file.path);

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'deploy-valid-'));
});
afterAll(() => rm(scratch, { recursive: true, force: true }));

/** The file's text with `from` replaced by `to` (which must occur), written to the scratch directory. */
async function brokenCopy(path: string, from: string | RegExp, to: string): Promise<{ file: string; text: string }> {
  const original = await read(`deploy/${path}`);
  const text = original.replace(from, to);
  expect(text, `${String(from)} not in ${path}`).not.toBe(original);
  const file = join(scratch, path.replaceAll('/', '-'));
  await writeFile(file, text);
  return { file, text };
}

describe('deploy/ YAML files', () => {
  it('are each a compose file or Kubernetes manifests, so each has a validator below', () => {
    expect(kinds.filter((file) => file.kind === 'unknown')).toEqual([]);
    expect(composeFiles).toContain('compose.yaml');
    expect(manifestFiles).toContain('k8s/deployment.yaml');
  });
});

describe.each(composeFiles)('deploy/%s: docker-compose config', (path) => {
  const file = join(ROOT, 'deploy', path);

  it('is valid and resolves with the secrets `npm run deploy:secrets` makes', { timeout: 30_000 }, async () => {
    const secrets = await generatedSecrets();
    const result = await composeConfig(file, secrets);
    expect(result.errors).toBe('');
    expect(result.ok).toBe(true);
    const resolved = parse(result.output) as { services: Record<string, { environment?: Record<string, string> }> };
    expect(resolved.services.api?.environment?.CURSOR_SECRET).toBe(secrets.CURSOR_SECRET);
    expect(resolved.services.api?.environment?.JWT_PRIVATE_KEY).toBe(secrets.JWT_PRIVATE_KEY);
  });

  it('stops when a required secret is missing', { timeout: 30_000 }, async () => {
    const { POSTGRES_PASSWORD: _missing, ...secrets } = await generatedSecrets();
    const result = await composeConfig(file, secrets);
    expect(result.ok).toBe(false);
    expect(result.errors).toContain('run npm run -s deploy:secrets > deploy/.env');
  });

  it.each([
    ['a misspelled key', /stop_grace_period: 20s/, 'stop_grace_perod: 20s', "Unsupported config option for services.api: 'stop_grace_perod'"],
    ['a value of the wrong type', /retries: 30/, 'retries: thirty', 'retries'],
    ['a value outside its enum', /condition: service_healthy/, 'condition: service_ready', 'service_ready'],
    ['a dependency on no service', /postgres: \{ condition: service_healthy \}/, 'postgress: { condition: service_healthy }', 'postgress'],
  ])('rejects a copy with %s', { timeout: 30_000 }, async (_, from, to, message) => {
    const { file: broken } = await brokenCopy(path, from, to);
    const result = await composeConfig(broken, await generatedSecrets(), dirname(file));
    expect(result.ok).toBe(false);
    expect(result.errors).toContain(message);
  });
});

describe.each(manifestFiles)('deploy/%s: Kubernetes schema', (path) => {
  it('has only valid objects, with no unknown field', { timeout: 60_000 }, async () => {
    expect(await kubernetesErrors(await read(`deploy/${path}`))).toEqual([]);
  });

  it.each([
    ['a value outside its enum', /^(\s+)- name: (api|worker)\n/m, '$1- name: $2\n$1  imagePullPolicy: Sometimes\n', 'imagePullPolicy must be equal to one of the allowed values'],
    ['a value of the wrong type', /replicas: 2/, 'replicas: two', 'replicas must be integer'],
    ['a misspelled field', /terminationGracePeriodSeconds:/, 'terminationGracePeriodSecond:', `'"terminationGracePeriodSecond"' does not exist in type 'IPodSpec'`],
    ['a field at the wrong level', /^spec:\n/m, 'spec:\n  containers: []\n', `'"containers"' does not exist in type`],
    ['a kind its apiVersion lacks', /^kind: Deployment$/m, 'kind: Deploymnet', 'no Kubernetes kind Deploymnet in apps/v1'],
  ])('rejects a copy with %s', { timeout: 60_000 }, async (_, from, to, message) => {
    const { text } = await brokenCopy(path, from, to);
    expect((await kubernetesErrors(text)).join('\n')).toContain(message);
  });
});
