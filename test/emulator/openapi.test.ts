import { describe, expect, it } from 'vitest';
import { API_BASE_PATHS } from '#emulator/http/base-paths.ts';
import { OPERATIONS, type OperationId } from '#shared/api/operations.ts';
import { DOCUMENT } from './support/conformance.ts';
import { useEmulator } from './support/harness.ts';
import { checkSchema } from './support/json-schema-check.ts';

const api = useEmulator();

type DocumentedOperation = {
  operationId: string;
  security: Record<string, string[]>[];
  responses: Record<string, unknown>;
  parameters?: { name: string; in: string }[];
};

function documentedOperations(): [string, string, DocumentedOperation][] {
  return Object.entries(DOCUMENT.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, operation]): [string, string, DocumentedOperation] => [
      path,
      method.toUpperCase(),
      operation as unknown as DocumentedOperation,
    ]),
  );
}

function collectRefs(node: unknown, refs: string[] = []): string[] {
  if (Array.isArray(node)) for (const item of node) collectRefs(item, refs);
  else if (typeof node === 'object' && node !== null) {
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') refs.push(value);
      else collectRefs(value, refs);
    }
  }
  return refs;
}

describe('OpenAPI document', () => {
  it('is served at /docs/openapi.json, as built from the route table', async () => {
    const response = await api.call('GET', '/docs/openapi.json', { as: 'anonymous' });
    expect(response.headers.get('content-type')).toContain('application/json');
    expect(response.body).toEqual(JSON.parse(JSON.stringify(DOCUMENT)));
    expect(response.body.openapi).toBe('3.1.0');
  });

  it('documents every route the app serves, under each base path, and nothing else', () => {
    const documented = documentedOperations()
      .map(([path, method]) => `${method} ${path}`)
      .sort();
    for (const base of API_BASE_PATHS) {
      const served = new Set(
        api.emulator.app.routes
          .filter((route) => route.method !== 'ALL' && !route.path.includes('/__emulator'))
          .filter((route) =>
            base === ''
              ? !route.path.startsWith('/click-conversion/')
              : route.path.startsWith(`${base}/`),
          )
          .map(
            (route) =>
              `${route.method} ${route.path.slice(base.length).replace(/:(\w+)/g, '{$1}')}`,
          ),
      );
      expect([...served].sort(), base || '/').toEqual(documented);
    }
  });

  it('has one entry per operation of the shared table, with its roles and credentials', () => {
    const operations = documentedOperations();
    expect(operations.map(([, , operation]) => operation.operationId).sort()).toEqual(
      Object.keys(OPERATIONS).sort(),
    );
    for (const [path, method, documented] of operations) {
      const operation = OPERATIONS[documented.operationId as OperationId];
      expect(`${method} ${path}`).toBe(`${operation.method} ${operation.path}`);
      const expected = {
        required: [{ clientId: [], clientSecret: [] }],
        optional: [{ clientId: [], clientSecret: [] }, { clientId: [] }],
        none: [],
      }[operation.secret];
      expect(documented.security, documented.operationId).toEqual(expected);
      if (operation.secret !== 'none') expect(documented.responses).toHaveProperty('401');
      if (Array.isArray(operation.roles)) expect(documented.responses).toHaveProperty('403');
      const pathParameters = (documented.parameters ?? []).filter(
        (parameter) => parameter.in === 'path',
      );
      expect(pathParameters.map((parameter) => parameter.name)).toEqual(
        [...operation.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]),
      );
    }
  });

  it('documents the answers the rules call for', () => {
    const responses = (id: OperationId) =>
      Object.keys(
        (DOCUMENT.paths[OPERATIONS[id].path]?.[OPERATIONS[id].method.toLowerCase()]?.responses ??
          {}) as object,
      );
    expect(responses('createEvent')).toEqual([
      '201',
      '400',
      '401',
      '403',
      '404',
      '409',
      '413',
      '415',
      '429',
    ]);
    expect(responses('createEvents')).toEqual([
      '200',
      '400',
      '401',
      '403',
      '404',
      '413',
      '415',
      '429',
    ]);
    expect(responses('listEvents')).toEqual(['200', '400', '401', '403', '404', '429']);
    expect(responses('getClient')).toEqual(['200', '400', '401', '404', '429']);
    expect(responses('health')).toEqual(['200']);
  });

  it('resolves every $ref', () => {
    const refs = collectRefs(DOCUMENT);
    expect(refs.length).toBeGreaterThan(50);
    for (const ref of new Set(refs)) {
      const target = ref
        .replace(/^#\//, '')
        .split('/')
        .reduce<unknown>(
          (node, key) => (node as Record<string, unknown> | undefined)?.[key],
          DOCUMENT,
        );
      expect(target, ref).toBeDefined();
    }
  });
});

describe('the schema check the contract tests rely on', () => {
  const event = {
    id: '52907745-7672-470e-a803-a2f8feb52944',
    click_id: '52907745-7672-470e-a803-a2f8feb52944',
    event_name: 'purchase',
    event_time: '2019-08-24T14:15:22Z',
    data: { number_of_items: 4, currency: 'EUR', amount: 122.95 },
  };
  const schema = { $ref: '#/components/schemas/Event' };

  it('accepts the reference sample', () => {
    expect(checkSchema(event, schema, DOCUMENT)).toEqual([]);
  });

  it.each([
    ['an extra field', { ...event, secret: 'x' }, '$.secret: not in the schema'],
    ['a missing field', { ...event, id: undefined }, '$.id: required'],
    [
      'a wrong type',
      { ...event, data: { ...event.data, amount: '122.95' } },
      '$.data.amount: expected number',
    ],
    [
      'a bad pattern',
      { ...event, event_time: '2019-08-24' },
      '$.event_time: "2019-08-24" does not match',
    ],
    [
      'a bad enum',
      { ...event, data: { ...event.data, currency: 'USD' } },
      '$.data.currency: "USD" not in',
    ],
    [
      'a non-integer',
      { ...event, data: { ...event.data, number_of_items: 1.5 } },
      '$.data.number_of_items: expected integer',
    ],
  ])('catches %s', (_, value, message) => {
    const { id: _id, ...withoutId } = event;
    const subject = 'id' in value && value.id === undefined ? withoutId : value;
    expect(checkSchema(subject, schema, DOCUMENT).join('\n')).toContain(message);
  });
});
