/** A JSON Schema (OpenAPI 3.1 dialect) object; kept loose, it is only ever serialised. */
export type JsonSchema = { readonly [keyword: string]: unknown };

/** A reference to a schema under `components.schemas`. */
export function ref(name: string): JsonSchema {
  return { $ref: `#/components/schemas/${name}` };
}
