import { describe, expect, it } from 'vitest';
import { DAY, NOW, purchase, useEmulatorCli } from './support/emulator-cli.ts';

const cli = useEmulatorCli();
const range = [
  '--from',
  new Date(NOW - 120 * DAY).toISOString(),
  '--to',
  new Date(NOW).toISOString(),
];

async function seed(count: number, spreadDays: number, clickDaysAgo = 1) {
  const click = await cli.click(clickDaysAgo);
  const events = Array.from({ length: count }, (_, index) =>
    purchase(click, (index * spreadDays) / count + 0.5, `order-${index}`, 10 + index),
  );
  await cli.createEvents(events);
  return events;
}

describe('export', () => {
  it('writes every event of a 120-day range once, as JSON lines, following next links across windows', async () => {
    await seed(450, 110);
    const { code, stdout, stderr } = await cli.run(['export', ...range]);
    expect(code).toBe(0);
    const lines = stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines).toHaveLength(450);
    expect(new Set(lines.map((event) => event.id)).size).toBe(450);
    expect(new Set(lines.map((event) => event.external_event_id)).size).toBe(450);
    // Newest first.
    const times = lines.map((event) => Date.parse(event.event_time));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect(stderr).toContain('exported 450 events');
    const counts = (await cli.requestCounts()).listEvents ?? {};
    // Two windows; 450 events in pages of 100 take at least five pages.
    expect(counts['200']).toBeGreaterThanOrEqual(6);
  });

  it('writes CSV with a header, quoting formula characters for spreadsheets', async () => {
    const click = await cli.click(1);
    await cli.createEvents([purchase(click, 2, '=HYPERLINK("http://x")', 12.5)]);
    const { code, stdout } = await cli.run(['export', ...range, '--format', 'csv']);
    expect(code).toBe(0);
    const [header, row] = stdout.trimEnd().split('\r\n');
    expect(header).toBe('id,event_time,external_event_id,amount,currency,number_of_items,click_id');
    expect(row).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(row).toContain(',12.5,SEK,1,');
  });

  it('exports conversions with --conversions', async () => {
    // Conversions are the purchases made within 30 days after their click.
    await seed(3, 5, 10);
    const { code, stdout } = await cli.run(['export', ...range, '--conversions']);
    expect(code).toBe(0);
    const lines = stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines).toHaveLength(3);
    expect(lines[0]).toHaveProperty('purchase.amount');
    expect(lines[0]).toHaveProperty('forwarding.url');
  });

  it('shows progress on stderr only when it is a terminal', async () => {
    await seed(250, 10);
    const quiet = await cli.run(['export', ...range]);
    expect(quiet.stderr).not.toContain('\r');
    const watched = await cli.run(['export', ...range], undefined, { tty: true });
    expect(watched.stderr).toContain('exported 200 events…');
    expect(watched.stdout.trimEnd().split('\n')).toHaveLength(250);
  });
});
