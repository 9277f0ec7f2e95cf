import { join } from 'node:path';
import ts from 'typescript';
import { parseAllDocuments } from 'yaml';
import { ROOT } from './deploy-files.ts';

/**
 * Kubernetes manifests checked against the API's OpenAPI schema as the kubernetes-models package
 * ships it: each object's `.validate()` (types, required fields, enums, formats), and its
 * TypeScript types for the fields the schema does not close (unknown fields, as kubectl's strict
 * validation rejects them). Returns one line per problem, naming the object; none when valid.
 */
export async function kubernetesErrors(text: string): Promise<string[]> {
  const documents = parseAllDocuments(text);
  const parseErrors = documents.flatMap((document) => document.errors.map((error) => `YAML: ${error.message}`));
  if (parseErrors.length) return parseErrors;
  const manifests = documents.map((document) => document.toJS() as Manifest);
  const models = await Promise.all(manifests.map(modelOf));
  const known = manifests.filter((_, index) => models[index]);
  const errors = manifests.map((manifest, index) => schemaErrors(manifest, models[index]));
  return [...errors.flat(), ...unknownFields(known)];
}

type Manifest = { apiVersion?: unknown; kind?: unknown; metadata?: { name?: unknown } };
type ModelClass = new (data: unknown) => { validate(): void };

const label = (manifest: Manifest) => `${String(manifest.kind)} ${String(manifest.metadata?.name)}`;

/** The model of an apiVersion and kind: `apps/v1` Deployment is kubernetes-models/apps/v1's. */
async function modelOf(manifest: Manifest): Promise<ModelClass | undefined> {
  if (typeof manifest.apiVersion !== 'string' || typeof manifest.kind !== 'string') return undefined;
  const models = (await import(/* @vite-ignore */ `kubernetes-models/${manifest.apiVersion}`).catch(() => ({}))) as Record<string, ModelClass>;
  return models[manifest.kind];
}

function schemaErrors(manifest: Manifest, Model: ModelClass | undefined): string[] {
  if (!Model) return [`${label(manifest)}: no Kubernetes kind ${String(manifest.kind)} in ${String(manifest.apiVersion)}`];
  try {
    new Model(manifest).validate();
    return [];
  } catch (error) {
    return [`${label(manifest)}: ${(error as Error).message}`];
  }
}

/**
 * The schema leaves objects open, so each manifest is also type-checked as an object literal of
 * its kind's interface: TypeScript rejects a property the interface lacks, at any depth.
 */
function unknownFields(manifests: Manifest[]): string[] {
  // One virtual file per manifest, beside the repository's node_modules so the import resolves.
  const sources = new Map(
    manifests.map((manifest, index) => {
      const type = `import('kubernetes-models/${String(manifest.apiVersion)}/${String(manifest.kind)}').I${String(manifest.kind)}`;
      return [join(ROOT, `deploy/k8s/manifest-${index}.check.ts`), { manifest, text: `export const manifest: ${type} = ${JSON.stringify(manifest)};\n` }];
    }),
  );
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: [],
    lib: ['lib.es2023.d.ts'],
    target: ts.ScriptTarget.ES2023,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
  };
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists, readFile } = host;
  host.getSourceFile = (name, version, ...rest) => {
    const source = sources.get(name);
    return source ? ts.createSourceFile(name, source.text, version) : getSourceFile.call(host, name, version, ...rest);
  };
  host.fileExists = (name) => sources.has(name) || fileExists.call(host, name);
  host.readFile = (name) => sources.get(name)?.text ?? readFile.call(host, name);
  const program = ts.createProgram([...sources.keys()], options, host);
  return ts.getPreEmitDiagnostics(program).map((diagnostic) => {
    const manifest = sources.get(diagnostic.file?.fileName ?? '')?.manifest;
    return `${manifest ? label(manifest) : 'manifests'}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ')}`;
  });
}
