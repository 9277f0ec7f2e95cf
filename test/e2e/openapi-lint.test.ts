import { describe, expect, it } from 'vitest';
import { buildHttpApp } from '../support/http-app.ts';
import type { Json } from '../support/json.ts';
import { errorsAndWarnings, spectralLint } from '../support/spectral.ts';

const served = async (): Promise<Json> => (await buildHttpApp().app.request('/openapi.json')).json() as Promise<Json>;

describe('/openapi.json under Spectral (spectral:oas, .spectral.yaml)', () => {
  it('has no error and no warning', async () => {
    const findings = errorsAndWarnings(await spectralLint(await served()));
    expect(findings, findings.join('\n')).toEqual([]);
  });

  it('reports the problems the ruleset exists to catch', async () => {
    // The lint must be able to fail: an operation without a description, an unused schema.
    const document = await served();
    delete document.paths['/api/users'].get.description;
    document.components.schemas.Orphan = { type: 'string' };
    const codes = errorsAndWarnings(await spectralLint(document)).map((line) => line.split(' ')[1]);
    expect(codes).toEqual(expect.arrayContaining(['operation-description', 'oas3-unused-component']));
  });
});
