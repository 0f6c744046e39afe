import { describe, expect, it } from 'vitest';
import { DAY, NOW, purchase, useEmulatorCli } from './support/emulator-cli.ts';

const cli = useEmulatorCli();
const iso = (daysAgo: number) => new Date(NOW - daysAgo * DAY).toISOString();

async function ordersFile() {
  const fresh = await cli.click(3);
  const stale = await cli.click(45);
  const known = await cli.click(2);
  await cli.createEvents([purchase(known, 1, 'A-already', 10)]);
  return cli.file(
    'orders.csv',
    [
      'order_id,created_at,amount,currency,items,pjclid',
      `A-send,${iso(1)},499.90,SEK,2,${fresh}`,
      `A-no-click,${iso(1)},99.00,SEK,1,`,
      `A-stale,${iso(1)},10.00,SEK,1,${stale}`,
      `A-already,${iso(1)},10.00,SEK,1,${known}`,
      '',
    ].join('\n'),
  );
}

describe('backfill', () => {
  it('sends the missing orders with a click through the batch endpoint, and says what it skipped and why', async () => {
    const orders = await ordersFile();
    const { code, stdout } = await cli.run(['backfill', '--orders', orders, '--json']);
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(result.dry_run).toBe(false);
    expect(result.sent.map((entry: { order_id: string }) => entry.order_id)).toEqual(['A-send']);
    expect(result.skipped).toEqual([
      expect.objectContaining({ order_id: 'A-no-click', reason: 'no_click' }),
      expect.objectContaining({ order_id: 'A-stale', reason: 'outside_window' }),
    ]);
    const after = await cli.run(['reconcile', '--orders', orders, '--json']);
    const reconciled = JSON.parse(after.stdout);
    expect(reconciled.matched.map((entry: { order_id: string }) => entry.order_id).sort()).toEqual([
      'A-already',
      'A-send',
    ]);
    expect(
      reconciled.matched.find((entry: { order_id: string }) => entry.order_id === 'A-send'),
    ).toMatchObject({ amount: 499.9, currency: 'SEK' });
  });

  it('is idempotent: a second run sends nothing new', async () => {
    const orders = await ordersFile();
    await cli.run(['backfill', '--orders', orders]);
    const batchesAfterFirst = (await cli.requestCounts()).createEvents?.['200'];
    const second = await cli.run(['backfill', '--orders', orders, '--json']);
    expect(second.code).toBe(0);
    expect(JSON.parse(second.stdout).sent).toEqual([]);
    expect((await cli.requestCounts()).createEvents?.['200']).toBe(batchesAfterFirst);
    const exported = await cli.run(['export', '--from', iso(5), '--to', iso(0)]);
    const ids = exported.stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line).external_event_id);
    expect(ids.sort()).toEqual(['A-already', 'A-send']);
  });

  it('sends nothing with --dry-run, and lists what it would send', async () => {
    const orders = await ordersFile();
    const before = (await cli.requestCounts()).createEvents?.['200'];
    const { code, stdout } = await cli.run(['backfill', '--orders', orders, '--dry-run']);
    expect(code).toBe(0);
    expect(stdout).toContain('would send A-send');
    expect(stdout).toContain('skipped A-no-click: the order carries no click id');
    expect(stdout).toContain('skipped A-stale: placed more than 30 days after its click');
    expect((await cli.requestCounts()).createEvents?.['200']).toBe(before);
  });

  it('sends more than 100 missing orders in batches of 100', async () => {
    const click = await cli.click(3);
    const lines = ['order_id,created_at,amount,currency,items,pjclid'];
    for (let index = 0; index < 150; index += 1) {
      lines.push(`B-${index},${iso(1 + index / 1000)},${10 + index}.50,SEK,1,${click}`);
    }
    const orders = cli.file('many.csv', `${lines.join('\n')}\n`);
    const { code, stdout } = await cli.run(['backfill', '--orders', orders, '--json']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).sent).toHaveLength(150);
    expect((await cli.requestCounts()).createEvents).toEqual({ '200': 2 });
    const reconciled = JSON.parse(
      (await cli.run(['reconcile', '--orders', orders, '--json'])).stdout,
    );
    expect(reconciled.matched).toHaveLength(150);
  });
});
