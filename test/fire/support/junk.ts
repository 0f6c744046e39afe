// Hostile input, by construction: every arbitrary here yields values that a field must refuse,
// so a test knows the right answer without asking the validator it is testing.
import fc from 'fast-check';
import { readAmount } from '#shared/amount.ts';
import { PIXEL_ID } from './upstream.ts';

const CURRENCIES = ['DKK', 'EUR', 'GBP', 'NOK', 'NZD', 'SEK'];
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
const SIGNED_CLICK =
  /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}_[0-9a-f]{16}$/i;
const UTC_DATE_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,9})?Z$/;

/** Keys that pollute prototypes where objects are merged carelessly. */
export const POLLUTING_KEYS = ['__proto__', 'constructor', 'prototype'] as const;

/** A stand-in for a number JSON cannot spell: replaced by raw text when the body is written. */
const RAW_NUMBER = '\u0000raw:';
/** Numbers that parse to Infinity or lose precision: only raw JSON text can carry them. */
const rawNumbers = fc
  .constantFrom('1e999', '-1e999', '1e309', '123456789012345678901234567890')
  .map((text) => `${RAW_NUMBER}${text}`);

/** Strings of every kind: unicode, lone surrogates, control characters, markup, very long. */
export const hostileString = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: 'binary' }),
  fc.string({ minLength: 101, maxLength: 400 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    '\ud800',
    '\udfff',
    'NaN',
    'Infinity',
    '<script>alert(1)</script>',
    '"; DROP TABLE events; --',
    '../../etc/passwd',
    '%00',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection probe, literally.
    '${7*7}',
    '{{7*7}}',
  ),
);

/** Any value at all, nested junk and objects with polluting keys included. */
export const junkValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.anything({ maxDepth: 3, withNullPrototype: true, withObjectString: true }),
  hostileString,
  fc.double(),
  fc.integer(),
  rawNumbers,
  fc.constantFrom(null, true, false, [], {}, -1, -0.01, 1e9, 999_999_999.01, 2 ** 53 + 1),
  fc.dictionary(fc.constantFrom(...POLLUTING_KEYS, 'amount', 'isAdmin'), fc.anything()),
);

const notString = junkValue.filter((value) => typeof value !== 'string');

/** Whether a value survives `JSON.stringify` as something but `null` (NaN and ±Infinity do not). */
function isPresentInJson(value: unknown): boolean {
  const text = JSON.stringify(value);
  return text !== undefined && text !== 'null';
}

/** Field by field: values the beacon's validator must refuse. */
export const invalidBeaconField = {
  pixel_id: fc.oneof(
    notString,
    hostileString.filter((value) => !UUID_V4.test(value)),
    fc.constant(undefined),
  ),
  event: junkValue.filter((value) => value !== 'purchase'),
  event_id: fc.oneof(
    notString.filter((value) => value !== undefined),
    fc.constant(''),
    fc.string({ minLength: 101, maxLength: 300 }),
  ),
  amount: fc.oneof(
    // Not a number, nor a string the collector reads as an amount ("0", "1,195.00").
    junkValue.filter(
      (value) => typeof value !== 'number' && !(typeof value === 'string' && readAmount(value).ok),
    ),
    fc.double({ max: -Number.MIN_VALUE, noNaN: true }),
    fc.double({ min: 999_999_999.000001, noNaN: true }),
    fc.constantFrom(`${RAW_NUMBER}1e999`, `${RAW_NUMBER}-1e999`),
  ),
  currency: junkValue.filter(
    (value) => typeof value !== 'string' || !CURRENCIES.includes(value.toUpperCase()),
  ),
  items: fc.oneof(
    junkValue.filter((value) => value !== undefined && typeof value !== 'number'),
    fc.double({ noNaN: true }).filter((value) => !Number.isInteger(value) || value < 0),
    fc.integer({ min: 1_000_000_000 }),
    fc.integer({ max: -1 }),
  ),
  pjclid: fc.oneof(
    notString.filter(isPresentInJson),
    hostileString.filter((value) => value !== '' && !SIGNED_CLICK.test(value)),
  ),
  time: fc.oneof(
    notString.filter((value) => value !== undefined),
    hostileString.filter((value) => !UTC_DATE_TIME.test(value)),
    fc.constantFrom('2026-02-30T10:00:00Z', '2026-11-26T24:00:00Z', '2026-11-26 10:00:00Z'),
  ),
} as const;

export type BeaconField = keyof typeof invalidBeaconField;

/** A beacon with `fields` corrupted (the rest valid), plus junk extra keys. */
export interface CorruptBeacon {
  body: Record<string, unknown>;
  corrupted: BeaconField[];
}

/** A valid beacon for the seeded pixel: the base every corruption starts from. */
export function validBeacon(orderId: string, click: string): Record<string, unknown> {
  return {
    pixel_id: PIXEL_ID,
    event: 'purchase',
    event_id: orderId,
    amount: 122.95,
    currency: 'EUR',
    items: 2,
    pjclid: click,
    time: new Date().toISOString(),
  };
}

/** Beacons wrong in one or more fields, each time in a new way. */
export function corruptBeacon(orderId: string, click: string): fc.Arbitrary<CorruptBeacon> {
  const fields = Object.keys(invalidBeaconField) as BeaconField[];
  return fc
    .record({
      corrupted: fc.subarray(fields, { minLength: 1 }),
      extras: fc.dictionary(fc.oneof(fc.constantFrom(...POLLUTING_KEYS), fc.string()), junkValue, {
        maxKeys: 3,
      }),
    })
    .chain(({ corrupted, extras }) =>
      fc
        .tuple(...corrupted.map((field) => invalidBeaconField[field] as fc.Arbitrary<unknown>))
        .map((values) => {
          const body: Record<string, unknown> = {};
          for (const [key, value] of Object.entries(extras)) {
            if (!(key in invalidBeaconField)) Object.defineProperty(body, key, enumerable(value));
          }
          for (const [key, value] of Object.entries(validBeacon(orderId, click))) {
            body[key] = value;
          }
          corrupted.forEach((field, index) => {
            Object.defineProperty(body, field, enumerable(values[index]));
          });
          return { body, corrupted };
        }),
    );
}

/** Field by field: values the create-event validation must refuse, by their error key. */
export const invalidServerField = {
  event_name: junkValue.filter((value) => value !== 'purchase'),
  event_time: fc.oneof(
    notString.filter((value) => value !== undefined),
    hostileString.filter((value) => !UTC_DATE_TIME.test(value)),
    // More than five minutes ahead.
    fc
      .integer({ min: 10 * 60_000, max: 10 * 365 * 86_400_000 })
      .map((ahead) => new Date(Date.now() + ahead).toISOString()),
  ),
  external_event_id: fc.oneof(
    notString,
    fc.constant(''),
    fc.string({ minLength: 101, maxLength: 300 }),
  ),
  data: junkValue.filter(
    (value) => typeof value !== 'object' || value === null || Array.isArray(value),
  ),
  'data.amount': invalidBeaconField.amount,
  'data.currency': fc.oneof(
    invalidBeaconField.currency,
    // The API takes upper case only.
    fc.constantFrom('eur', 'Sek', 'nok'),
  ),
  'data.number_of_items': invalidBeaconField.items,
  signed_click_id: fc.oneof(
    notString.filter(isPresentInJson),
    hostileString.filter((value) => value !== '' && !SIGNED_CLICK.test(value)),
  ),
} as const;

export type ServerField = keyof typeof invalidServerField;

/** A create-event body with `corrupted` fields (error keys like `data.amount`), the rest valid. */
export function corruptServerEvent(
  orderId: string,
  click: string,
): fc.Arbitrary<{ body: Record<string, unknown>; corrupted: ServerField[] }> {
  const fields = Object.keys(invalidServerField) as ServerField[];
  return (
    fc
      .subarray(fields, { minLength: 1 })
      // A junk `data` hides the data.* fields; they are tested when `data` is an object.
      .map((chosen) =>
        chosen.includes('data') ? chosen.filter((f) => !f.startsWith('data.')) : chosen,
      )
      .chain((corrupted) =>
        fc
          .tuple(...corrupted.map((field) => invalidServerField[field] as fc.Arbitrary<unknown>))
          .map((values) => {
            const data: Record<string, unknown> = {
              amount: 10,
              currency: 'SEK',
              number_of_items: 1,
            };
            const body: Record<string, unknown> = {
              event_name: 'purchase',
              external_event_id: orderId,
              data,
              signed_click_id: click,
            };
            corrupted.forEach((field, index) => {
              if (field.startsWith('data.')) {
                Object.defineProperty(data, field.slice(5), enumerable(values[index]));
              } else Object.defineProperty(body, field, enumerable(values[index]));
            });
            return { body, corrupted };
          }),
      )
  );
}

function enumerable(value: unknown): PropertyDescriptor {
  return { value, enumerable: true, writable: true, configurable: true };
}

/**
 * The JSON text of a body, with raw numbers spelled as JSON allows but JavaScript cannot hold
 * (`1e999`). `undefined` fields are left out, as `JSON.stringify` does.
 */
export function toJsonText(body: unknown): string {
  const text = JSON.stringify(body, (_key, value: unknown) =>
    typeof value === 'bigint' ? `${value}` : value,
  );
  return (text ?? 'null').replace(/"\\u0000raw:([^"]*)"/g, '$1');
}

/** Bodies that are not a JSON object at all: truncated, binary, deep, non-objects. */
export function junkBody(valid: string): fc.Arbitrary<Uint8Array<ArrayBuffer>> {
  const encoder = new TextEncoder();
  return fc.oneof<fc.Arbitrary<Uint8Array<ArrayBuffer>>[]>(
    fc.integer({ min: 0, max: valid.length - 1 }).map((cut) => encoder.encode(valid.slice(0, cut))),
    fc.uint8Array({ maxLength: 512 }).map((bytes) => new Uint8Array(bytes)),
    fc
      .constantFrom(
        '[]',
        'null',
        '0',
        '"purchase"',
        'true',
        `${'['.repeat(4000)}${']'.repeat(4000)}`,
        `{"a":${'{"a":'.repeat(1200)}1${'}'.repeat(1201)}`,
        '{"amount":1,}',
        "{'amount':1}",
        '\ufeff{}',
        'undefined',
        'NaN',
      )
      .map((text) => encoder.encode(text)),
    // Not UTF-8.
    fc.constant(new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d])),
  );
}
