import { type DailyTotals, datesOf, money } from './daily-totals.ts';

const WIDTH = 960;
const HEIGHT = 320;
const MARGIN = { top: 24, right: 72, bottom: 48, left: 56 };

/** Text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (char) =>
      ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] ?? char,
  );
}

const TICKS = 4;

/**
 * Where an axis ends: four equal steps of a round size (1, 2 or 5 times a power of ten) that
 * reach `max`, so every tick is a round number (purchases: whole ones).
 */
function axisMax(max: number, wholeSteps: boolean): number {
  const rough = Math.max(max, wholeSteps ? TICKS : 0) / TICKS;
  if (rough <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(rough));
  for (const step of [1, 2, 5, 10]) if (step * power >= rough) return step * power * TICKS;
  return 10 * power * TICKS;
}

/**
 * One currency's chart: purchases per day as bars against the left axis, revenue per day as a
 * line with dots against the right axis, every day of the range on the x axis (days without a
 * purchase at zero).
 */
function chart(totals: DailyTotals, currency: string, dates: string[]): string {
  const byDate = new Map(
    totals.days.filter((day) => day.currency === currency).map((day) => [day.date, day]),
  );
  const purchases = dates.map((date) => byDate.get(date)?.purchases ?? 0);
  const revenue = dates.map((date) => byDate.get(date)?.revenue ?? 0);
  const maxPurchases = axisMax(Math.max(...purchases), true);
  const maxRevenue = axisMax(Math.max(...revenue), false);
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const slot = plotWidth / dates.length;
  const x = (index: number) => MARGIN.left + slot * index + slot / 2;
  const yPurchases = (value: number) => MARGIN.top + plotHeight * (1 - value / maxPurchases);
  const yRevenue = (value: number) => MARGIN.top + plotHeight * (1 - value / maxRevenue);
  const barWidth = Math.max(1, slot * 0.6);
  const labelEvery = Math.max(1, Math.ceil(dates.length / 12));

  const parts: string[] = [];
  for (let tick = 0; tick <= TICKS; tick += 1) {
    const y = MARGIN.top + (plotHeight * tick) / TICKS;
    parts.push(
      `<line x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${y}" y2="${y}" class="grid"/>`,
      `<text x="${MARGIN.left - 8}" y="${y + 4}" text-anchor="end">${(maxPurchases * (TICKS - tick)) / TICKS}</text>`,
      `<text x="${WIDTH - MARGIN.right + 8}" y="${y + 4}">${escapeHtml(money((maxRevenue * (TICKS - tick)) / TICKS))}</text>`,
    );
  }
  purchases.forEach((value, index) => {
    const top = yPurchases(value);
    const title = `${dates[index]}: ${value} purchase${value === 1 ? '' : 's'}, ${money(revenue[index] ?? 0)} ${currency}`;
    parts.push(
      `<rect class="bar" x="${(x(index) - barWidth / 2).toFixed(1)}" y="${top.toFixed(1)}" width="${barWidth.toFixed(1)}" height="${(MARGIN.top + plotHeight - top).toFixed(1)}"><title>${escapeHtml(title)}</title></rect>`,
    );
  });
  const points = revenue.map(
    (value, index) => `${x(index).toFixed(1)},${yRevenue(value).toFixed(1)}`,
  );
  parts.push(`<polyline class="revenue" points="${points.join(' ')}"/>`);
  for (const point of points) {
    const [cx, cy] = point.split(',');
    parts.push(`<circle class="dot" cx="${cx}" cy="${cy}" r="2.5"/>`);
  }
  dates.forEach((date, index) => {
    if (index % labelEvery !== 0) return;
    parts.push(
      `<text x="${x(index).toFixed(1)}" y="${HEIGHT - MARGIN.bottom + 18}" text-anchor="middle">${escapeHtml(date.slice(5))}</text>`,
    );
  });
  parts.push(
    `<text x="${MARGIN.left}" y="14" class="axis-title">purchases</text>`,
    `<text x="${WIDTH - MARGIN.right}" y="14" text-anchor="end" class="axis-title revenue-label">revenue (${escapeHtml(currency)})</text>`,
  );
  return `<figure><svg viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="${escapeHtml(`Purchases and revenue per day in ${currency}`)}" xmlns="http://www.w3.org/2000/svg">${parts.join('')}</svg><figcaption>${escapeHtml(currency)}: bars are purchases per day (left axis), the line is revenue per day (right axis).</figcaption></figure>`;
}

const STYLE = `
body{font:14px/1.4 system-ui,sans-serif;margin:2rem auto;max-width:1000px;color:#1d2330;padding:0 1rem}
h1{font-size:1.4rem;margin:0 0 .25rem}p.range{color:#5b6475;margin:0 0 1.5rem}
figure{margin:0 0 2rem}svg{width:100%;height:auto;background:#fff}
svg text{font-size:11px;fill:#5b6475}.axis-title{font-weight:600}.revenue-label{fill:#c2410c}
.grid{stroke:#e5e7eb}.bar{fill:#2563eb}.revenue{fill:none;stroke:#c2410c;stroke-width:2}.dot{fill:#c2410c}
figcaption{color:#5b6475;font-size:12px}
table{border-collapse:collapse;width:100%;margin-bottom:2rem}th,td{padding:.3rem .6rem;border-bottom:1px solid #e5e7eb;text-align:left}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}tfoot td{font-weight:600}
`;

/**
 * The report as one self-contained HTML page: a chart per currency, then the table. It loads
 * nothing (no script, no font, no CDN; its Content-Security-Policy forbids it), so it can be
 * mailed or archived as it is.
 */
export function renderHtmlReport(totals: DailyTotals, pixelId: string): string {
  const dates = datesOf(totals);
  const currencies = totals.totals.map((total) => total.currency);
  const charts =
    currencies.length === 0
      ? '<p>No purchases in this range.</p>'
      : currencies.map((currency) => chart(totals, currency, dates)).join('');
  const rows = totals.days
    .map(
      (day) =>
        `<tr><td>${escapeHtml(day.date)}</td><td>${escapeHtml(day.currency)}</td><td class="n">${day.purchases}</td><td class="n">${escapeHtml(money(day.revenue))}</td></tr>`,
    )
    .join('');
  const footer = totals.totals
    .map(
      (total) =>
        `<tr><td>total</td><td>${escapeHtml(total.currency)}</td><td class="n">${total.purchases}</td><td class="n">${escapeHtml(money(total.revenue))}</td></tr>`,
    )
    .join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Prisjakt purchases ${escapeHtml(totals.range.from.slice(0, 10))} – ${escapeHtml(totals.range.to.slice(0, 10))}</title>
<style>${STYLE}</style></head><body>
<h1>Prisjakt purchases</h1>
<p class="range">Pixel ${escapeHtml(pixelId)} · ${escapeHtml(totals.range.from)} to ${escapeHtml(totals.range.to)} · days in ${escapeHtml(totals.timeZone)}</p>
${charts}
<table><thead><tr><th>date</th><th>currency</th><th class="n">purchases</th><th class="n">revenue</th></tr></thead>
<tbody>${rows}</tbody><tfoot>${footer}</tfoot></table>
</body></html>
`;
}
