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

beforeEach(async () => {
  await resetEmulator();
});

describe('POST /collect', () => {
  it('delivers a beacon as one event with its click, amount, currency, items and time', async () => {
    const pjclid = await newClick();
    const orderId = uniqueOrderId('happy');
    const time = new Date(Date.now() - 5_000).toISOString();
    const response = await postBeacon({
      pixel_id: PIXEL_ID,
      event: 'purchase',
      event_id: orderId,
      amount: 122.95,
      currency: 'EUR',
      items: 4,
      pjclid,
      time,
    });

    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ status: 'accepted', external_event_id: orderId });
    const event = await expectDeliveredOnce(orderId);
    expect(event.signed_click_id).toBe(pjclid);
    expect(event.click_id).toBe(pjclid.slice(0, 36));
    expect(event.data).toEqual({ amount: 122.95, currency: 'EUR', number_of_items: 4 });
    expect(Date.parse(event.event_time)).toBe(Date.parse(time));
    expect(event.event_name).toBe('purchase');
  });

  it('accepts application/json, a lower-case currency and no item count', async () => {
    const orderId = uniqueOrderId('json');
    const response = await postBeacon(
      {
        pixel_id: PIXEL_ID,
        event: 'purchase',
        event_id: orderId,
        amount: 10,
        currency: 'sek',
        pjclid: await newClick(),
      },
      { contentType: 'application/json' },
    );
    expect(response.status).toBe(202);
    const event = await expectDeliveredOnce(orderId);
    expect(event.data).toEqual({ amount: 10, currency: 'SEK' });
  });

  it('passes a click id on byte for byte, upper-case hex included', async () => {
    const pjclid = (await newClick()).toUpperCase();
    const orderId = uniqueOrderId('case');
    expect(
      (
        await postBeacon({
          pixel_id: PIXEL_ID,
          event: 'purchase',
          event_id: orderId,
          amount: 1,
          currency: 'EUR',
          pjclid,
        })
      ).status,
    ).toBe(202);
    // The emulator verifies the signature over the lower-cased UUID, so it accepts the spelling
    // and stores it as sent.
    const event = await expectDeliveredOnce(orderId);
    expect(event.signed_click_id).toBe(pjclid);
  });

  it('takes the click from the collector cookie when the beacon carries none', async () => {
    const pjclid = await newClick();
    const orderId = uniqueOrderId('cookie');
    const response = await postBeacon(
      { pixel_id: PIXEL_ID, event: 'purchase', event_id: orderId, amount: 99.5, currency: 'NOK' },
      { cookie: `other=1; pjclid=${pjclid}; more=2` },
    );
    expect(response.status).toBe(202);
    const event = await expectDeliveredOnce(orderId);
    expect(event.signed_click_id).toBe(pjclid);
  });

  it('prefers the beacon’s click over the cookie’s', async () => {
    const [inBeacon, inCookie] = await Promise.all([newClick(), newClick()]);
    const orderId = uniqueOrderId('prefer');
    await postBeacon(
      {
        pixel_id: PIXEL_ID,
        event: 'purchase',
        event_id: orderId,
        amount: 1,
        currency: 'DKK',
        pjclid: inBeacon,
      },
      { cookie: `pjclid=${inCookie}` },
    );
    expect((await expectDeliveredOnce(orderId)).signed_click_id).toBe(inBeacon);
  });

  it('answers 204 and forwards nothing when no click id is anywhere', async () => {
    const orderId = uniqueOrderId('unattributable');
    const response = await postBeacon(
      {
        pixel_id: PIXEL_ID,
        event: 'purchase',
        event_id: orderId,
        amount: 5,
        currency: 'GBP',
        pjclid: '',
      },
      { cookie: 'pjclid=not-a-click; session=abc' },
    );
    expect(response.status).toBe(204);
    expect(await response.text()).toBe('');
    await expectNotDelivered(orderId);
  });

  it('gives a beacon without an event id one of its own, delivered once', async () => {
    const pjclid = await newClick();
    const response = await postBeacon({
      pixel_id: PIXEL_ID,
      event: 'purchase',
      amount: 7,
      currency: 'NZD',
      pjclid,
    });
    expect(response.status).toBe(202);
    const { external_event_id: generated } = (await response.json()) as {
      external_event_id: string;
    };
    expect(generated).toMatch(/^pjc-[0-9a-f-]{36}$/);
    expect((await expectDeliveredOnce(generated)).signed_click_id).toBe(pjclid);
  });

  it('uses the time of receipt when the browser clock is far off, always in UTC with Z', async () => {
    const future = uniqueOrderId('future');
    const ancient = uniqueOrderId('ancient');
    const before = Date.now();
    await postBeacon({
      pixel_id: PIXEL_ID,
      event: 'purchase',
      event_id: future,
      amount: 1,
      currency: 'EUR',
      pjclid: await newClick(),
      time: new Date(before + 3_600_000).toISOString(),
    });
    await postBeacon({
      pixel_id: PIXEL_ID,
      event: 'purchase',
      event_id: ancient,
      amount: 1,
      currency: 'EUR',
      pjclid: await newClick(),
      time: '2020-01-01T00:00:00Z',
    });
    const after = Date.now();
    for (const id of [future, ancient]) {
      const event = await expectDeliveredOnce(id);
      expect(event.event_time).toMatch(/Z$/);
      const ms = Date.parse(event.event_time);
      expect(ms).toBeGreaterThanOrEqual(before - 1000);
      expect(ms).toBeLessThanOrEqual(after + 1000);
    }
  });

  it('admits same-origin beacons and those without an Origin header', async () => {
    const sameOrigin = uniqueOrderId('same-origin');
    const noOrigin = uniqueOrderId('no-origin');
    const pjclid = await newClick();
    expect(
      (
        await postBeacon(
          {
            pixel_id: PIXEL_ID,
            event: 'purchase',
            event_id: sameOrigin,
            amount: 1,
            currency: 'EUR',
            pjclid,
          },
          { origin: 'http://collector.test' },
        )
      ).status,
    ).toBe(202);
    expect(
      (
        await postBeacon(
          {
            pixel_id: PIXEL_ID,
            event: 'purchase',
            event_id: noOrigin,
            amount: 1,
            currency: 'EUR',
            pjclid,
          },
          { origin: null },
        )
      ).status,
    ).toBe(202);
    await expectDeliveredOnce(sameOrigin);
    await expectDeliveredOnce(noOrigin);
  });

  it('answers CORS for an allowed origin, with credentials', async () => {
    const orderId = uniqueOrderId('cors');
    const response = await postBeacon(
      {
        pixel_id: PIXEL_ID,
        event: 'purchase',
        event_id: orderId,
        amount: 1,
        currency: 'EUR',
        pjclid: await newClick(),
      },
      { origin: SHOP_ORIGIN },
    );
    await expectDeliveredOnce(orderId);
    expect(response.headers.get('Access-Control-Allow-Origin')).toBe(SHOP_ORIGIN);
    expect(response.headers.get('Access-Control-Allow-Credentials')).toBe('true');
    expect(response.headers.get('Vary')).toContain('Origin');
  });

  it('answers a preflight from an allowed origin', async () => {
    const response = await collector('/collect', {
      method: 'OPTIONS',
      headers: {
        Origin: 'http://127.0.0.1:5173',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'content-type',
        'CF-Connecting-IP': freshAddress(),
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('Access-Control-Allow-Origin')).toBe('http://127.0.0.1:5173');
    expect(response.headers.get('Access-Control-Allow-Methods')).toContain('POST');
    expect(response.headers.get('Access-Control-Allow-Headers')?.toLowerCase()).toContain(
      'content-type',
    );
  });
});
