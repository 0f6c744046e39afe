import { beforeEach, describe, expect, it } from 'vitest';
import {
  collector,
  freshAddress,
  postBeacon,
  SHOP_ORIGIN,
  uniqueOrderId,
} from './support/collector.ts';
import { newClick, PIXEL_ID, resetEmulator } from './support/emulator.ts';
import { expectDeliveredOnce, expectNotDelivered } from './support/wait.ts';

interface Problem {
  title: string;
  status: number;
  detail: string;
  context: { request_id: string };
  field_errors?: Record<string, { message: string; value?: unknown }>;
}

async function problemOf(response: Response): Promise<Problem> {
  expect(response.headers.get('Content-Type')).toBe('application/problem+json');
  const problem = (await response.json()) as Problem;
  expect(problem.status).toBe(response.status);
  expect(problem.context.request_id).toBe(response.headers.get('X-Request-Id'));
  return problem;
}

function rawBeacon(body: BodyInit, headers: Record<string, string> = {}): Promise<Response> {
  return collector('/collect', {
    method: 'POST',
    headers: {
      'Content-Type': 'text/plain;charset=UTF-8',
      Origin: SHOP_ORIGIN,
      'CF-Connecting-IP': freshAddress(),
      ...headers,
    },
    body,
  });
}

beforeEach(async () => {
  await resetEmulator();
});

describe('POST /collect refuses bad input', () => {
  it('answers 400 for malformed JSON and forwards nothing', async () => {
    const response = await rawBeacon('{"pixel_id": "52907745-7672-470e-a803-a2f8feb52944", ');
    expect(response.status).toBe(400);
    const problem = await problemOf(response);
    expect(problem.title).toBe('Malformed JSON');
    expect(problem.detail).toMatch(/not valid JSON/);
    expect(response.headers.get('Access-Control-Allow-Origin')).toBe(SHOP_ORIGIN);
  });

  it('names every invalid field', async () => {
    const response = await postBeacon({
      pixel_id: 'not-a-uuid',
      event: 'pageview',
      event_id: '',
      amount: -1,
      currency: 'USD',
      items: 1.5,
      pjclid: '239cd31f-9d43-4cb4-b8dc-2057fe18c289',
      time: '2026-11-26 10:00',
    });
    expect(response.status).toBe(400);
    const problem = await problemOf(response);
    expect(Object.keys(problem.field_errors ?? {}).sort()).toEqual(
      ['amount', 'currency', 'event', 'event_id', 'items', 'pixel_id', 'pjclid', 'time'].sort(),
    );
    expect(problem.field_errors?.currency?.value).toBe('USD');
  });

  it('answers 400 when the body is JSON but not an object', async () => {
    const response = await rawBeacon('[1,2,3]');
    expect(response.status).toBe(400);
    expect((await problemOf(response)).field_errors?.body?.message).toMatch(/JSON object/);
  });

  it('answers 400 for a body that is not UTF-8', async () => {
    const response = await rawBeacon(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]));
    expect(response.status).toBe(400);
    expect((await problemOf(response)).detail).toMatch(/UTF-8/);
  });

  it('answers 413 for a body over 8 KiB, declared or streamed', async () => {
    const orderId = uniqueOrderId('oversized');
    const beacon = {
      pixel_id: PIXEL_ID,
      event: 'purchase',
      event_id: orderId,
      amount: 1,
      currency: 'EUR',
      pjclid: await newClick(),
      padding: 'x'.repeat(8 * 1024),
    };
    const declared = await rawBeacon(JSON.stringify(beacon));
    expect(declared.status).toBe(413);
    expect((await problemOf(declared)).title).toBe('Payload too large');

    const bytes = new TextEncoder().encode(JSON.stringify(beacon));
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let offset = 0; offset < bytes.length; offset += 1000)
          controller.enqueue(bytes.slice(offset, offset + 1000));
        controller.close();
      },
    });
    const streamed = await rawBeacon(stream);
    expect(streamed.status).toBe(413);
    await expectNotDelivered(orderId);
  });

  it('accepts a body of exactly 8 KiB', async () => {
    const orderId = uniqueOrderId('limit');
    const beacon = {
      pixel_id: PIXEL_ID,
      event: 'purchase',
      event_id: orderId,
      amount: 1,
      currency: 'EUR',
      pjclid: await newClick(),
      padding: '',
    };
    beacon.padding = 'x'.repeat(8 * 1024 - JSON.stringify(beacon).length);
    expect(new TextEncoder().encode(JSON.stringify(beacon)).length).toBe(8 * 1024);
    expect((await rawBeacon(JSON.stringify(beacon))).status).toBe(202);
    await expectDeliveredOnce(orderId);
  });

  it('answers 415 for a form post', async () => {
    const response = await rawBeacon('pixel_id=x', {
      'Content-Type': 'application/x-www-form-urlencoded',
    });
    expect(response.status).toBe(415);
    expect((await problemOf(response)).detail).toMatch(/text\/plain or application\/json/);
  });

  it('answers 404 for a pixel this collector does not serve, and forwards nothing', async () => {
    const orderId = uniqueOrderId('unknown-pixel');
    const response = await postBeacon({
      pixel_id: '8905fe4f-0ea0-4c7e-88ce-54fb78742a18',
      event: 'purchase',
      event_id: orderId,
      amount: 1,
      currency: 'EUR',
      pjclid: await newClick(),
    });
    expect(response.status).toBe(404);
    expect((await problemOf(response)).title).toBe('Unknown pixel');
    await expectNotDelivered(orderId);
  });

  it('answers 405 with Allow for GET /collect', async () => {
    const response = await collector('/collect');
    expect(response.status).toBe(405);
    expect(response.headers.get('Allow')).toBe('POST');
    await problemOf(response);
  });

  it('answers 404 problem JSON for an unknown path', async () => {
    const response = await collector('/nothing-here');
    expect(response.status).toBe(404);
    await problemOf(response);
  });
});
