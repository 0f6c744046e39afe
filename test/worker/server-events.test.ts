import { beforeEach, describe, expect, it } from 'vitest';
import { collector, postBeacon, postServerEvent, uniqueOrderId } from './support/collector.ts';
import { newClick, PIXEL_ID, resetEmulator } from './support/emulator.ts';
import { expectDeliveredOnce, expectNotDelivered } from './support/wait.ts';

beforeEach(async () => {
  await resetEmulator();
});

async function createEventBody(orderId: string, extra: Record<string, unknown> = {}) {
  return {
    event_name: 'purchase',
    external_event_id: orderId,
    data: { amount: 122.95, currency: 'EUR', number_of_items: 4 },
    signed_click_id: await newClick(),
    ...extra,
  };
}

describe('POST /server/pixels/{pixel_id}/events', () => {
  it('accepts Prisjakt’s create-event body and delivers it as sent', async () => {
    const orderId = uniqueOrderId('server');
    const body = await createEventBody(orderId, { event_time: '2026-01-15T12:00:00Z' });
    const response = await postServerEvent(body);
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ status: 'accepted', external_event_id: orderId });
    const event = await expectDeliveredOnce(orderId);
    expect(event.signed_click_id).toBe(body.signed_click_id);
    expect(event.data).toEqual({ amount: 122.95, currency: 'EUR', number_of_items: 4 });
    expect(Date.parse(event.event_time)).toBe(Date.parse('2026-01-15T12:00:00Z'));
  });

  it('stamps the time of receipt when the backend sends no event_time', async () => {
    const orderId = uniqueOrderId('server-now');
    const before = Date.now();
    await postServerEvent(await createEventBody(orderId));
    const event = await expectDeliveredOnce(orderId);
    expect(Date.parse(event.event_time)).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(event.event_time)).toBeLessThanOrEqual(Date.now());
  });

  it('answers 409 for an order already accepted, and delivers it once', async () => {
    const orderId = uniqueOrderId('server-twice');
    const body = await createEventBody(orderId);
    expect((await postServerEvent(body)).status).toBe(202);
    const again = await postServerEvent(body);
    expect(again.status).toBe(409);
    expect(again.headers.get('Content-Type')).toBe('application/problem+json');
    await expectDeliveredOnce(orderId);
  });

  it('makes one event of a browser and a server report of the same order', async () => {
    const orderId = uniqueOrderId('both');
    const pjclid = await newClick();
    const beacon = await postBeacon({
      pixel_id: PIXEL_ID,
      event: 'purchase',
      event_id: orderId,
      amount: 50,
      currency: 'SEK',
      pjclid,
    });
    expect(beacon.status).toBe(202);
    const server = await postServerEvent({
      event_name: 'purchase',
      external_event_id: orderId,
      data: { amount: 50, currency: 'SEK' },
      signed_click_id: pjclid,
    });
    expect(server.status).toBe(409);
    await expectDeliveredOnce(orderId);
  });

  it('answers 401 with a challenge for a missing or wrong token, and forwards nothing', async () => {
    const orderId = uniqueOrderId('unauthorized');
    const body = await createEventBody(orderId);
    for (const token of [null, 'wrong-token', 'local-dev-token-but-longer', '']) {
      const response = await postServerEvent(body, { token });
      expect(response.status, String(token)).toBe(401);
      expect(response.headers.get('WWW-Authenticate')).toBe('Bearer realm="pjcollector"');
    }
    const basic = await collector(`/server/pixels/${PIXEL_ID}/events`, {
      method: 'POST',
      headers: {
        Authorization: `Basic ${btoa('local-dev-token:')}`,
        'Content-Type': 'application/json',
      },
      body: JSON.stringify(body),
    });
    expect(basic.status).toBe(401);
    await expectNotDelivered(orderId);
  });

  it('answers 404 for a pixel this collector does not serve, after authenticating', async () => {
    const orderId = uniqueOrderId('server-unknown-pixel');
    const body = await createEventBody(orderId);
    expect(
      (await postServerEvent(body, { pixelId: '8905fe4f-0ea0-4c7e-88ce-54fb78742a18' })).status,
    ).toBe(404);
    expect((await postServerEvent(body, { pixelId: 'not-a-pixel' })).status).toBe(404);
    expect(
      (
        await postServerEvent(body, {
          pixelId: '8905fe4f-0ea0-4c7e-88ce-54fb78742a18',
          token: 'wrong',
        })
      ).status,
    ).toBe(401);
    await expectNotDelivered(orderId);
  });

  it('requires an external_event_id and names every invalid field', async () => {
    const response = await postServerEvent({
      event_name: 'buy',
      data: { amount: 'lots', currency: 'usd' },
      signed_click_id: 'abc',
    });
    expect(response.status).toBe(400);
    const problem = (await response.json()) as { field_errors: Record<string, unknown> };
    expect(Object.keys(problem.field_errors).sort()).toEqual(
      ['data.amount', 'data.currency', 'event_name', 'external_event_id', 'signed_click_id'].sort(),
    );
  });

  it('refuses an event_time more than five minutes ahead', async () => {
    const orderId = uniqueOrderId('server-future');
    const future = new Date(Date.now() + 10 * 60_000).toISOString();
    const response = await postServerEvent(await createEventBody(orderId, { event_time: future }));
    expect(response.status).toBe(400);
    expect(Object.keys(((await response.json()) as { field_errors: object }).field_errors)).toEqual(
      ['event_time'],
    );
    await expectNotDelivered(orderId);
  });

  it('answers 204 and forwards nothing when there is no click id', async () => {
    const orderId = uniqueOrderId('server-no-click');
    const response = await postServerEvent({
      event_name: 'purchase',
      external_event_id: orderId,
      data: { amount: 1, currency: 'EUR' },
    });
    expect(response.status).toBe(204);
    await expectNotDelivered(orderId);
  });

  it('answers 400 for malformed JSON and 415 for another media type', async () => {
    expect((await postServerEvent('{"event_name":')).status).toBe(400);
    const form = await collector(`/server/pixels/${PIXEL_ID}/events`, {
      method: 'POST',
      headers: { Authorization: 'Bearer local-dev-token', 'Content-Type': 'text/plain' },
      body: '{}',
    });
    expect(form.status).toBe(415);
  });

  it('answers no CORS, so a browser cannot call it', async () => {
    const response = await collector(`/server/pixels/${PIXEL_ID}/events`, {
      method: 'OPTIONS',
      headers: { Origin: 'http://localhost:3000', 'Access-Control-Request-Method': 'POST' },
    });
    expect(response.headers.get('Access-Control-Allow-Origin')).toBeNull();
  });
});
