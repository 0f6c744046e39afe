import { CURRENCIES } from '#shared/currencies.ts';
import { LIMITS } from '#shared/limits.ts';
import { SIGNED_CLICK_ID_PATTERN, UUID_V4_PATTERN } from '#shared/pjclid.ts';
import { SUMMARY_TIME_ZONE } from '../domain/stockholm-date.ts';
import { type JsonSchema, ref } from './json-schema.ts';

/**
 * The same shape as shared/src/time.ts accepts (seconds required, fraction optional, `Z`);
 * that module also rejects impossible dates such as 2023-02-30, which a pattern cannot.
 */
const UTC_DATE_TIME =
  '^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])T([01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d(\\.\\d{1,9})?Z$';

const object = (
  properties: Record<string, JsonSchema>,
  required: readonly string[] = Object.keys(properties),
): JsonSchema => ({ type: 'object', properties, required, additionalProperties: false });

const array = (items: JsonSchema): JsonSchema => ({ type: 'array', items });

const purchaseData = object(
  {
    number_of_items: { type: 'integer', minimum: 0, maximum: LIMITS.numberOfItemsMax },
    currency: ref('Currency'),
    amount: { type: 'number', minimum: 0, maximum: LIMITS.amountMax },
  },
  ['currency', 'amount'],
);

const shopEntry = (property: string, schema: JsonSchema) => array(object({ [property]: schema }));

/** Every schema the document refers to, closed (`additionalProperties: false`) where it can be. */
export const SCHEMAS: Record<string, JsonSchema> = {
  UUID: { type: 'string', format: 'uuid', pattern: UUID_V4_PATTERN.source },
  SignedUUID: {
    type: 'string',
    pattern: SIGNED_CLICK_ID_PATTERN.source,
    description: 'UUIDv4, "_" and a 16-hex-digit signature (UUID_signature).',
  },
  UTCDateTime: {
    type: 'string',
    pattern: UTC_DATE_TIME,
    description: 'ISO 8601 date and time in UTC.',
  },
  ShopId: { type: 'integer', minimum: 1, maximum: 999_999 },
  ClientId: { type: 'string', pattern: '^[A-Za-z0-9._~-]{1,100}$' },
  ExternalEventId: {
    type: 'string',
    minLength: 1,
    maxLength: LIMITS.externalEventIdMaxLength,
    description: 'An external event id; what makes a resend a duplicate.',
  },
  Currency: { type: 'string', enum: [...CURRENCIES] },
  Role: { type: 'string', enum: ['admin', 'shop_user', 'event_publisher'] },
  CreatableRole: { type: 'string', enum: ['event_publisher', 'shop_user'] },
  Client: object({ id: ref('ClientId'), roles: array(ref('Role')) }),
  CreatedClient: object({
    id: ref('ClientId'),
    secret: { type: 'string', description: 'Shown once; store it safely.' },
    roles: array(ref('CreatableRole')),
  }),
  CreateClientRequest: {
    ...object({ roles: { ...array(ref('CreatableRole')), minItems: 1 } }),
    // Unknown fields are ignored, not refused, as on the other request bodies.
    additionalProperties: true,
  },
  Event: object(
    {
      id: ref('UUID'),
      click_id: ref('UUID'),
      external_event_id: ref('ExternalEventId'),
      event_name: { type: 'string', const: 'purchase' },
      event_time: ref('UTCDateTime'),
      data: purchaseData,
    },
    ['id', 'click_id', 'event_name', 'event_time', 'data'],
  ),
  CreateEventRequest: {
    ...object(
      {
        event_name: { type: 'string', const: 'purchase' },
        event_time: {
          ...ref('UTCDateTime'),
          description: `Defaults to the time of receipt; at most ${LIMITS.futureSkewMs / 60_000} minutes in the future.`,
        },
        external_event_id: ref('ExternalEventId'),
        data: purchaseData,
        signed_click_id: ref('SignedUUID'),
      },
      ['event_name', 'data', 'signed_click_id'],
    ),
    // Unknown fields are ignored, not refused.
    additionalProperties: true,
  },
  BatchRequest: {
    ...array(ref('CreateEventRequest')),
    minItems: 1,
    maxItems: LIMITS.batchMax,
  },
  EventList: array(ref('Event')),
  Pixel: object({ id: ref('UUID'), enabled: { type: 'boolean' } }),
  PixelList: array(ref('Pixel')),
  UpdatePixelRequest: {
    ...object({ enabled: { type: 'boolean' } }, []),
    additionalProperties: true,
  },
  Shop: object({
    id: ref('ShopId'),
    clients: shopEntry('id', ref('ClientId')),
    pixels: shopEntry('id', ref('UUID')),
  }),
  PurchaseSummary: object({
    per_day: array(
      object({
        total_amount: { type: 'number', minimum: 0 },
        time_zone: { type: 'string', const: SUMMARY_TIME_ZONE },
        number_of_events: { type: 'integer', minimum: 1 },
        date: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
        currency: ref('Currency'),
      }),
    ),
    summaries: array(
      object({
        total_amount: { type: 'number', minimum: 0 },
        number_of_events: { type: 'integer', minimum: 1 },
        currency: ref('Currency'),
      }),
    ),
  }),
  Conversion: object({
    purchase: object(
      {
        timestamp: ref('UTCDateTime'),
        numberOfItems: { type: 'integer', minimum: 0 },
        id: ref('UUID'),
        currency: ref('Currency'),
        amount: { type: 'number', minimum: 0 },
      },
      ['timestamp', 'id', 'currency', 'amount'],
    ),
    forwarding: object({
      url: { type: 'string' },
      timestamp: ref('UTCDateTime'),
      product: object({ name: { type: 'string' }, id: { type: 'string' } }),
      offerId: { type: 'string' },
    }),
  }),
  ConversionList: array(ref('Conversion')),
  Click: object({
    id: ref('UUID'),
    forwarded_date: ref('UTCDateTime'),
    invoicing: object({ segment: object({ id: { type: 'string' } }) }),
    location: object({
      url: { type: 'string' },
      shop: object({ market: { type: 'string' }, id: { type: 'string' } }),
      product_id: { type: 'string' },
      price_id: { type: 'string' },
      offer_id: { type: 'string' },
      location_type: { type: 'string' },
      expert_id: { type: 'string' },
    }),
    request: object({
      widget: object({ id: { type: 'string' } }),
      partner: object({ id: { type: 'string' } }),
      original_url: { type: 'string' },
      market: { type: 'string' },
      device: object({ type: { type: 'string' } }),
      client: object({ id: { type: 'string' } }),
      bot_score: { type: 'number' },
      id: ref('UUID'),
    }),
  }),
  FieldError: object({ message: { type: 'string' }, value: {} }, ['message']),
  Problem: object(
    {
      title: { type: 'string' },
      // The reference types it `number` (its sample says 0.1); an HTTP status in practice.
      status: { type: 'number' },
      detail: { type: 'string' },
      context: object({ request_id: ref('UUID') }),
      field_errors: { type: 'object', additionalProperties: ref('FieldError') },
    },
    ['title', 'status', 'detail', 'context'],
  ),
  Health: object({ status: { type: 'string', const: 'ok' } }),
  OpenApiDocument: {
    type: 'object',
    required: ['openapi', 'info', 'paths'],
    description: 'This document.',
  },
};
