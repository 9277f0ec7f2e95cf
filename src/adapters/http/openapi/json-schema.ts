import { z } from 'zod';

export type JsonSchema = Record<string, unknown>;

/**
 * zod 4 -> JSON Schema 2020-12 (OpenAPI 3.1's dialect). Schemas given a component name become
 * `$ref`s wherever they are nested, so the document says `User` once. Bodies and responses are
 * converted as input (what a client sends; an open response object may grow fields later);
 * query parameters as output, where a digits-only string has already become an integer.
 */
export function toJsonSchema(schema: z.ZodType, names: ReadonlyMap<z.ZodType, string>, io: 'input' | 'output'): JsonSchema {
  const name = names.get(schema);
  if (name) return { $ref: `#/components/schemas/${name}` };
  return componentSchema(schema, names, io);
}

/** The schema itself, nested named schemas as `$ref` (for `components/schemas` entries). */
export function componentSchema(schema: z.ZodType, names: ReadonlyMap<z.ZodType, string>, io: 'input' | 'output'): JsonSchema {
  const converted = z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    io,
    unrepresentable: 'any',
    override: (ctx) => {
      const node = ctx.zodSchema as unknown as z.ZodType; // core and classic types are one object
      const ref = node === schema ? undefined : names.get(node);
      if (!ref) return;
      const target = ctx.jsonSchema as JsonSchema;
      for (const key of Object.keys(target)) delete target[key];
      target.$ref = `#/components/schemas/${ref}`;
    },
  }) as JsonSchema;
  delete converted.$schema;
  return converted;
}
