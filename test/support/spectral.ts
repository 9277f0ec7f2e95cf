import * as fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Document, Spectral, type ISpectralDiagnostic } from '@stoplight/spectral-core';
import parsers from '@stoplight/spectral-parsers';
import { bundleAndLoadRuleset } from '@stoplight/spectral-ruleset-bundler/with-loader';

const RULESET = fileURLToPath(new URL('../../.spectral.yaml', import.meta.url));
/** Where the ruleset's `overrides` expect the document: `openapi.json` beside it. */
const DOCUMENT_SOURCE = fileURLToPath(new URL('../../openapi.json', import.meta.url));

/** Spectral's findings on `document` under the repository's .spectral.yaml (spectral:oas and its justified overrides). */
export async function spectralLint(document: unknown): Promise<ISpectralDiagnostic[]> {
  const spectral = new Spectral();
  spectral.setRuleset(await bundleAndLoadRuleset(RULESET, { fs, fetch }));
  return spectral.run(new Document(JSON.stringify(document, null, 2), parsers.Json, DOCUMENT_SOURCE));
}

/** Spectral's severities by number (@stoplight/types' DiagnosticSeverity): 0 and 1 fail CI. */
const SEVERITY = ['error', 'warning', 'info', 'hint'] as const;

/** Errors and warnings only (info and hints never fail CI), one readable line each. */
export function errorsAndWarnings(results: readonly ISpectralDiagnostic[]): string[] {
  return results
    .filter((r) => r.severity <= 1)
    .map((r) => `${SEVERITY[r.severity]} ${r.code} at ${r.path.join('.') || '(root)'}: ${r.message}`);
}
