/**
 * A small JSON Schema checker for the keywords the emulator's OpenAPI document uses. It lets
 * the contract tests hold every response against the published document, so the document
 * cannot describe an API the emulator does not have.
 */
type Schema = Record<string, unknown>;

export function checkSchema(value: unknown, schema: Schema, root: Schema, at = '$'): string[] {
  const ref = schema.$ref;
  if (typeof ref === 'string') {
    const target = ref
      .replace(/^#\//, '')
      .split('/')
      .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], root);
    if (typeof target !== 'object' || target === null) return [`${at}: unresolved ${ref}`];
    return checkSchema(value, target as Schema, root, at);
  }
  const errors: string[] = [];
  const type = schema.type;
  if (typeof type === 'string' && !hasType(value, type)) {
    return [`${at}: expected ${type}, got ${JSON.stringify(value)?.slice(0, 80)}`];
  }
  if ('const' in schema && value !== schema.const)
    errors.push(`${at}: expected ${JSON.stringify(schema.const)}`);
  if (Array.isArray(schema.enum) && !schema.enum.includes(value)) {
    errors.push(`${at}: ${JSON.stringify(value)} not in ${JSON.stringify(schema.enum)}`);
  }
  if (typeof value === 'string') {
    if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern).test(value)) {
      errors.push(`${at}: ${JSON.stringify(value)} does not match ${schema.pattern}`);
    }
    // JSON Schema counts a string's length in code points, not UTF-16 units.
    if (typeof schema.minLength === 'number' && [...value].length < schema.minLength)
      errors.push(`${at}: too short`);
    if (typeof schema.maxLength === 'number' && [...value].length > schema.maxLength)
      errors.push(`${at}: too long`);
  }
  if (typeof value === 'number') {
    if (typeof schema.minimum === 'number' && value < schema.minimum)
      errors.push(`${at}: below minimum`);
    if (typeof schema.maximum === 'number' && value > schema.maximum)
      errors.push(`${at}: above maximum`);
  }
  if (Array.isArray(value)) {
    if (typeof schema.minItems === 'number' && value.length < schema.minItems)
      errors.push(`${at}: too few items`);
    if (typeof schema.maxItems === 'number' && value.length > schema.maxItems)
      errors.push(`${at}: too many items`);
    if (typeof schema.items === 'object' && schema.items !== null) {
      value.forEach((item, index) => {
        errors.push(...checkSchema(item, schema.items as Schema, root, `${at}[${index}]`));
      });
    }
  }
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const record = value as Record<string, unknown>;
    const properties = (schema.properties ?? {}) as Record<string, Schema>;
    for (const name of (schema.required ?? []) as string[]) {
      if (!(name in record)) errors.push(`${at}.${name}: required`);
    }
    for (const [name, item] of Object.entries(record)) {
      const property = properties[name];
      if (property) errors.push(...checkSchema(item, property, root, `${at}.${name}`));
      else if (schema.additionalProperties === false)
        errors.push(`${at}.${name}: not in the schema`);
      else if (
        typeof schema.additionalProperties === 'object' &&
        schema.additionalProperties !== null
      ) {
        errors.push(
          ...checkSchema(item, schema.additionalProperties as Schema, root, `${at}.${name}`),
        );
      }
    }
  }
  return errors;
}

function hasType(value: unknown, type: string): boolean {
  switch (type) {
    case 'integer':
      return Number.isInteger(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'array':
      return Array.isArray(value);
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
    case 'null':
      return value === null;
    default:
      return typeof value === type;
  }
}
