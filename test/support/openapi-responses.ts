import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { Json } from './json.ts';

/** The base URI the document is registered under, so its `#/components/...` references resolve inside it. */
const DOCUMENT_ID = 'urn:users-service:openapi.json';
const METHODS = ['get', 'head', 'post', 'put', 'patch', 'delete', 'options'] as const;

type PathTemplate = { template: string; pattern: RegExp; literals: number };
/** Where a response is described in the document: its object and the JSON pointer segments to it. */
type Described = { response: Json; at: readonly string[] };

/** A JSON pointer as a URI fragment: `~` and `/` escaped (RFC 6901), then percent-encoded for `{id}` and media types. */
const fragment = (segments: readonly string[]) =>
  segments.map((s) => `/${encodeURIComponent(s.replaceAll('~', '~0').replaceAll('/', '~1'))}`).join('');

/** `type/subtype` of a Content-Type, lower case, without parameters. */
const essence = (mediaType: string) => (mediaType.split(';')[0] ?? '').trim().toLowerCase();

const isJson = (mediaType: string) => /^application\/(.+\+)?json$/.test(essence(mediaType));

const parameters = (mediaType: string) =>
  mediaType
    .split(';')
    .slice(1)
    .map((p) => p.trim().toLowerCase().replace(/\s*=\s*/, '='))
    .filter(Boolean);

/**
 * Checks real responses against the OpenAPI document: the status is one the operation documents,
 * the headers it marks required are there, every documented header present fits its schema, and
 * the body matches the media type and JSON schema documented for that status. Schemas are compiled
 * once each (JSON Schema 2020-12, as OpenAPI 3.1 uses) and kept.
 */
export class OpenApiResponses {
  readonly #document: Json;
  readonly #ajv = new Ajv2020({ allErrors: true, strict: true });
  readonly #compiled = new Map<string, ValidateFunction>();
  readonly #paths: PathTemplate[];

  constructor(document: Json) {
    this.#document = document;
    addFormats.default(this.#ajv); // a CommonJS module: its default export is under `default` for TypeScript
    // The document's own top-level fields are not JSON Schema keywords: known to Ajv, so strict mode
    // still refuses any unknown keyword inside the schemas.
    this.#ajv.addVocabulary(Object.keys(document));
    this.#ajv.addSchema(document, DOCUMENT_ID);
    // The most literal template first, as the app routes: `/api/users/exports` before `/api/users/{id}`.
    this.#paths = Object.keys(document.paths as Json)
      .map((template) => ({
        template,
        pattern: new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`),
        literals: template.split('/').filter((s) => s && !s.startsWith('{')).length,
      }))
      .sort((a, b) => b.literals - a.literals);
  }

  /** The operation's path template for a concrete path, or undefined when no path of the document matches. */
  templateOf(path: string): string | undefined {
    return this.#paths.find(({ pattern }) => pattern.test(path))?.template;
  }

  /** What is wrong with `response` to `method path` (no query string), as sentences; empty when it matches the document. */
  async violations(method: string, path: string, response: Response): Promise<string[]> {
    const described = this.#describe(method.toLowerCase(), path, response.status);
    if (typeof described === 'string') return [described];
    const bodyViolations = method.toUpperCase() === 'HEAD' ? await this.#noBody(response) : await this.#bodyViolations(described, response);
    return [...this.#headerViolations(described, response.headers), ...bodyViolations];
  }

  /** The response object documented for this exchange, or why there is none. */
  #describe(method: string, path: string, status: number): Described | string {
    const template = this.templateOf(path);
    const api = path.startsWith('/api/');
    // Requests no operation serves are answered by the shared responses the document names for them:
    // an unknown path is a 404, a known path's other methods a 405 (named by its OPTIONS description);
    // under /api the general rate limit answers first, so a 429 is possible too.
    if (template === undefined || !(METHODS as readonly string[]).includes(method) || !(method in (this.#document.paths as Json)[template])) {
      const [expected, name, what] =
        template === undefined ? [404, 'NotFound', 'a path the document does not have'] : [405, 'MethodNotAllowed', `a method ${template} does not serve`];
      if (status === expected) return this.#component(`${name}${api ? '' : 'OutsideApi'}`);
      if (api && status === 429) return this.#component('RateLimited');
      return `undocumented status ${status} for ${what} (expected ${expected}${api ? ' or 429' : ''})`;
    }
    const responses = (this.#document.paths as Json)[template][method].responses as Json;
    const key = [String(status), `${String(status)[0]}XX`, 'default'].find((k) => k in responses);
    if (key === undefined) return `undocumented status ${status} (documented: ${Object.keys(responses).join(', ')})`;
    const response = responses[key] as Json;
    if (typeof response.$ref === 'string') return this.#component(response.$ref.replace('#/components/responses/', ''));
    return { response, at: ['paths', template, method, 'responses', key] };
  }

  #component(name: string): Described | string {
    const response = (this.#document.components as Json).responses?.[name] as Json | undefined;
    return response ? { response, at: ['components', 'responses', name] } : `the document has no response ${name}`;
  }

  #headerViolations({ response, at }: Described, headers: Headers): string[] {
    const found: string[] = [];
    for (const [name, declared] of Object.entries((response.headers ?? {}) as Json)) {
      const shared = ((declared as Json).$ref as string | undefined)?.replace('#/components/headers/', '');
      const header = (shared ? (this.#document.components as Json).headers[shared] : declared) as Json;
      const value = headers.get(name);
      if (value === null) {
        if (header.required) found.push(`required header ${name} is missing`);
        continue;
      }
      // Header values are text on the wire: a numeric schema is checked against the number it spells.
      const numeric = ['integer', 'number'].includes(header.schema?.type) && /^-?\d+(\.\d+)?$/.test(value);
      const schemaAt = shared ? ['components', 'headers', shared, 'schema'] : [...at, 'headers', name, 'schema'];
      found.push(...this.#schemaViolations(schemaAt, numeric ? Number(value) : value, `header ${name}`));
    }
    return found;
  }

  /** A HEAD answer never has a body (RFC 9110 9.3.2), whatever GET's would be: the shared error responses describe GET's. */
  async #noBody(res: Response): Promise<string[]> {
    const text = await res.clone().text();
    return text === '' ? [] : [`a body (${text.length} characters) where the document describes none`];
  }

  async #bodyViolations({ response, at }: Described, res: Response): Promise<string[]> {
    const content = response.content as Json | undefined;
    if (!content) return this.#noBody(res);
    const text = await res.clone().text();
    const contentType = res.headers.get('Content-Type') ?? '';
    const mediaType = Object.keys(content).find(
      (documented) => essence(documented) === essence(contentType) && parameters(documented).every((p) => parameters(contentType).includes(p)),
    );
    if (mediaType === undefined) return [`Content-Type ${JSON.stringify(contentType)} is not documented (documented: ${Object.keys(content).join(', ')})`];
    if (!isJson(mediaType)) return [];
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return [`the ${mediaType} body is not JSON: ${JSON.stringify(text.slice(0, 80))}`];
    }
    return this.#schemaViolations([...at, 'content', mediaType, 'schema'], body, 'body');
  }

  #schemaViolations(at: readonly string[], value: unknown, what: string): string[] {
    const validate = this.#validator(fragment(at));
    return validate(value) ? [] : [`${this.#ajv.errorsText(validate.errors, { dataVar: what, separator: '; ' })} (schema at #${fragment(at)})`];
  }

  /** The validator of the schema at `pointer` in the document, compiled on first use. */
  #validator(pointer: string): ValidateFunction {
    let validate = this.#compiled.get(pointer);
    if (!validate) {
      validate = this.#ajv.compile({ $ref: `${DOCUMENT_ID}#${pointer}` });
      this.#compiled.set(pointer, validate);
    }
    return validate;
  }
}
