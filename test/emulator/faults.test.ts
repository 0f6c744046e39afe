import { describe, expect, it } from 'vitest';
import {
  credentialHeaders,
  EVENTS_PATH,
  ORIGIN,
  PIXEL_PATH,
  purchase,
  START,
  useEmulator,
} from './support/harness.ts';

const api = useEmulator();

/** A raw API request: fault answers are the emulator's own, not part of the documented API. */
function request(path: string, init: RequestInit = {}): Request {
  return new Request(`${ORIGIN}${path}`, {
    ...init,
    headers: { ...credentialHeaders('shopUser'), 'content-type': 'application/json' },
  });
}

describe('faults', () => {
  it('fails the next count requests with the status, then lets requests through', async () => {
    const created = await api.control('POST', '/faults', { status: 503, count: 2 });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 503, count: 2, paths: null, drop: false });
    const statuses = [];
    for (let i = 0; i < 3; i += 1)
      statuses.push((await api.emulator.fetch(request(PIXEL_PATH))).status);
    expect(statuses).toEqual([503, 503, 200]);
    expect((await api.control('GET', '/faults')).body.faults).toEqual([]);
  });

  it('answers with problem details and a request id', async () => {
    await api.control('POST', '/faults', { status: 502, count: 1 });
    const response = await api.emulator.fetch(request(PIXEL_PATH));
    expect(response.status).toBe(502);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    const body = await response.json();
    expect(body).toMatchObject({ title: 'Bad Gateway', status: 502 });
    expect(body.context.request_id).toBe(response.headers.get('x-request-id'));
  });

  it('fails every request until cleared when there is no count', async () => {
    await api.control('POST', '/faults', { status: 500 });
    for (let i = 0; i < 3; i += 1)
      expect((await api.emulator.fetch(request(PIXEL_PATH))).status).toBe(500);
    expect((await api.control('DELETE', '/faults')).status).toBe(204);
    expect((await api.emulator.fetch(request(PIXEL_PATH))).status).toBe(200);
  });

  it('matches path prefixes after the base prefix, and leaves other paths alone', async () => {
    await api.control('POST', '/faults', { status: 503, paths: ['/pixels/'] });
    expect((await api.emulator.fetch(request('/health'))).status).toBe(200);
    expect((await api.emulator.fetch(request(PIXEL_PATH))).status).toBe(503);
    expect((await api.emulator.fetch(request(`/click-conversion${PIXEL_PATH}`))).status).toBe(503);
  });

  it('applies before authentication and stores nothing', async () => {
    await api.control('POST', '/faults', { status: 503, count: 1, paths: [EVENTS_PATH] });
    const response = await api.emulator.fetch(
      new Request(`${ORIGIN}${EVENTS_PATH}`, { method: 'POST', body: JSON.stringify(purchase()) }),
    );
    expect(response.status).toBe(503);
    expect((await api.control('GET', '/events')).body.events).toEqual([]);
  });

  it('gives a 429 the rate-limit headers, its reset reset_ms ahead (1 s by default)', async () => {
    await api.control('POST', '/faults', { status: 429, count: 1, reset_ms: 30_000 });
    await api.control('POST', '/faults', { status: 429, count: 1 });
    const first = await api.emulator.fetch(request(PIXEL_PATH));
    expect(first.status).toBe(429);
    expect(first.headers.get('x-ratelimit-limit')).toBe('10000');
    expect(first.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(first.headers.get('x-ratelimit-reset')).toBe(String(START + 30_000));
    const second = await api.emulator.fetch(request(PIXEL_PATH));
    expect(second.headers.get('x-ratelimit-reset')).toBe(String(START + 1000));
    const third = await api.emulator.fetch(request(PIXEL_PATH));
    expect(third.status).toBe(200);
  });

  it('takes the oldest matching fault first', async () => {
    await api.control('POST', '/faults', { status: 503, count: 1 });
    await api.control('POST', '/faults', { status: 429, count: 1 });
    const statuses = [];
    for (let i = 0; i < 3; i += 1)
      statuses.push((await api.emulator.fetch(request(PIXEL_PATH))).status);
    expect(statuses).toEqual([503, 429, 200]);
  });

  it('drops the connection: the in-process fetch rejects with a TypeError, as fetch does', async () => {
    await api.control('POST', '/faults', { drop: true, count: 1 });
    await expect(api.emulator.fetch(request(PIXEL_PATH))).rejects.toThrow(TypeError);
    expect((await api.emulator.fetch(request(PIXEL_PATH))).status).toBe(200);
    const counts = await api.control('GET', '/requests');
    expect(counts.body.by_operation.getPixel).toEqual({ dropped: 1, '200': 1 });
  });

  it('delays a request by delay_ms, and with no status lets it through afterwards', async () => {
    await api.control('POST', '/faults', { delay_ms: 300, count: 1 });
    const order: string[] = [];
    const delayed = api.emulator.fetch(request(PIXEL_PATH)).then((response) => {
      order.push('delayed');
      return response;
    });
    const prompt = api.emulator.fetch(request(PIXEL_PATH)).then((response) => {
      order.push('prompt');
      return response;
    });
    const [slow, fast] = await Promise.all([delayed, prompt]);
    expect(order).toEqual(['prompt', 'delayed']);
    expect(slow.status).toBe(200);
    expect(fast.status).toBe(200);
  });

  it('never applies to the controls', async () => {
    await api.control('POST', '/faults', { status: 503 });
    expect((await api.control('GET', '/events')).status).toBe(200);
    expect((await api.control('POST', '/clicks')).status).toBe(201);
  });

  it.each([
    ['no status, drop or delay', {}, ['status']],
    ['a status below 400', { status: 200 }, ['status']],
    ['a count of 0', { status: 503, count: 0 }, ['count']],
    ['a negative delay', { delay_ms: -1 }, ['delay_ms']],
    ['a path without a slash', { status: 503, paths: ['pixels'] }, ['paths']],
    ['a status and a drop', { status: 503, drop: true }, ['drop']],
    ['a string drop', { drop: 'yes' }, ['drop', 'status']],
  ])('refuses %s', async (_, body, fields) => {
    const response = await api.control('POST', '/faults', body);
    expect(response.status).toBe(400);
    expect(Object.keys(response.body.field_errors).sort()).toEqual(fields);
    expect((await api.control('GET', '/faults')).body.faults).toEqual([]);
  });
});
