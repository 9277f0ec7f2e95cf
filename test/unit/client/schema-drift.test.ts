import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SCHEMA_FILE, generateClientSchema } from '../../../scripts/client-generate.ts';

describe('client/schema.d.ts', () => {
  it('is exactly what the current OpenAPI document generates (run `npm run client:generate` after changing the contract)', async () => {
    const committed = readFileSync(SCHEMA_FILE, 'utf8');
    const current = await generateClientSchema();
    expect(committed === current, 'client/schema.d.ts has drifted from the OpenAPI document: run `npm run client:generate` and commit it').toBe(true);
  });
});
