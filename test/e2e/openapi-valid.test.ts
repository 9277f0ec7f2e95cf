import { validate } from '@readme/openapi-parser';
import { describe, expect, it } from 'vitest';
import { buildHttpApp } from '../support/http-app.ts';
import type { Json } from '../support/json.ts';

async function servedDocument(): Promise<Json> {
  return (await buildHttpApp().app.request('/openapi.json')).json() as Promise<Json>;
}

describe('/openapi.json', () => {
  it('is a valid OpenAPI 3.1 document, checked by an independent validator', async () => {
    const document = await servedDocument();
    expect(document.openapi).toMatch(/^3\.1\./);
    const result = await validate(structuredClone(document) as never);
    expect(result).toMatchObject({ valid: true });
  });

  it('is refused by that validator when an operation drops a templated path parameter', async () => {
    // The check must be able to fail: break the document the way an earlier version was broken.
    const document = await servedDocument();
    delete document.paths['/api/users/{id}'].options.parameters;
    const result = await validate(document as never);
    expect(result.valid).toBe(false);
  });

  it('documents a 500 on every operation', async () => {
    const document = await servedDocument();
    for (const item of Object.values(document.paths as Record<string, Json>)) {
      for (const [method, operation] of Object.entries(item)) {
        if (method === 'options') continue;
        expect(Object.keys((operation as Json).responses), `${method} ${JSON.stringify((operation as Json).operationId)}`).toContain('500');
      }
    }
  });
});
