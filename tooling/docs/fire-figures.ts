import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { num } from '#tooling/bench/src/report/format.ts';
import { REPO_ROOT } from '#tooling/stack/repo-root.ts';
import { markdownTable } from './markdown-table.ts';

// docs/guarantees.md's tables of what the fire suites observed, from the figures the last
// `npm run figures:fire` (and `-- --soak`) recorded in test/fire/results/.

type Figures = Record<string, number | string>;

interface FireResults {
  schema: 1;
  mode: 'quick' | 'soak';
  startedAt: string;
  durationSeconds: number;
  machine: { cores: number; cpuModel: string };
  loadAverageAtStart: number[];
  gitCommit: string;
  gitDirty: boolean;
  suites: Record<string, Figures>;
}

/** One suite's figures, read by name: a figure the suite no longer prints fails loudly. */
function reader(suite: string, figures: Figures) {
  const raw = (name: string): number | string => {
    const value = figures[name];
    if (value === undefined) throw new Error(`the ${suite} fire suite printed no ${name}`);
    return value;
  };
  return {
    /** A count: `2,400`. */
    n: (name: string) => {
      const value = raw(name);
      return typeof value === 'number' ? num(value) : value;
    },
    /** Milliseconds as seconds: `3.6 s`. */
    s: (name: string) => `${num(Number(raw(name)) / 1000, 1)} s`,
    /** A figure printed as JSON (a map of statuses, percentiles). */
    json: (name: string) => JSON.parse(String(raw(name))) as Record<string, number>,
  };
}

type Phrase = (read: ReturnType<typeof reader>) => string;

const outage: Phrase = ({ n, s }) =>
  `${n('reports')} reports, ${n('orders_accepted')} orders, ${n('faults')} faults injected: ${n('lost')} lost, ${n('duplicated')} duplicated, ${n('dead_lettered')} dead-lettered; recovery ${s('recovery_ms')} after the last fault`;

/** What each suite's figures say, in words; the row names the suite as the tests do. */
const PHRASES: Record<string, { name: string; phrase: Phrase }> = {
  outage: { name: 'outage (workerd)', phrase: outage },
  'outage-soak': { name: 'outage (`wrangler dev`)', phrase: outage },
  retention: {
    name: 'retention',
    phrase: ({ n }) =>
      `${n('accepted')} accepted → ${n('dead_lettered_expired')} \`expired\` dead letters → ${n('delivered')} delivered after replay; ${n('lost')} lost, ${n('duplicated')} duplicated`,
  },
  duplicates: {
    name: 'duplicates',
    phrase: ({ n }) =>
      `${n('reports')} reports of ${n('orders')} orders, ${n('accepted_reports')} answered "accepted" (copies racing the guard), ${n('delivered')} events upstream, ${n('upstream_409')} \`409\`s absorbed; ${n('duplicated')} duplicated, ${n('lost')} lost`,
  },
  load: {
    name: 'load (`wrangler dev`)',
    phrase: ({ n, s, json }) => {
      const latency = json('latency_ms');
      return `${n('beacons')} beacons: ${n('intake_per_s')} beacons/s, p50 ${num(latency.p50 ?? Number.NaN)} ms, p99 ${num(latency.p99 ?? Number.NaN)} ms; ${n('delivered')} delivered ${s('drain_ms')} after the last, ${n('lost')} lost, ${n('duplicated')} duplicated`;
    },
  },
  hostile: {
    name: 'hostile',
    phrase: ({ n }) =>
      `${n('cases')} cases: ${n('server_errors')} \`5xx\`, ${n('forwarded')} forwarded`,
  },
  security: {
    name: 'security',
    phrase: ({ n }) =>
      `${n('responses')} responses and ${n('log_lines')} log lines scanned, ${n('secrets_found')} secrets found; a flood from one address: ${n('flood_429')} refused with \`429\`, ${n('others_refused')} other clients refused`,
  },
  browser: {
    name: 'browser',
    phrase: ({ n }) =>
      `${n('scenarios')} scenarios, ${n('purchases')} purchases: ${n('delivered')} delivered once, ${n('duplicated')} duplicated, ${n('kept_nowhere')} kept nowhere (collector unreachable and storage blocked); ${n('junk_calls')} junk \`track\` calls; ${n('page_errors')} page errors`,
  },
  'hostile-world': {
    name: 'hostile-world',
    phrase: ({ n, s }) =>
      `${n('forged')} forged, ${n('real')} real: ${n('real_delivered')} delivered, ${n('real_intact')} intact, worst delay ${s('worst_delay_ms')}, ${n('api_requests_forged')} API requests spent on forged (of a quota of ${n('quota')}), ${n('kv_writes_per_forged')} KV writes per forged beacon, ${n('forged_dead_letters')} dead letters`,
  },
};

function lastFireResults(mode: 'quick' | 'soak'): FireResults {
  const file = join(REPO_ROOT, 'test/fire/results', `${mode}.json`);
  return JSON.parse(readFileSync(file, 'utf8')) as FireResults;
}

/** The table of one mode's last recorded run, with the run it comes from. */
export function fireFigures(mode: 'quick' | 'soak'): string {
  const results = lastFireResults(mode);
  // The order of PHRASES, whatever order the suites finished in; a suite it does not know last.
  const order = Object.keys(PHRASES);
  const rank = (suite: string) => (order.includes(suite) ? order.indexOf(suite) : order.length);
  const suites = Object.entries(results.suites).sort(([a], [b]) => rank(a) - rank(b));
  const rows = suites.map(([suite, figures]) => {
    const known = PHRASES[suite];
    const read = reader(suite, figures);
    return known
      ? [known.name, known.phrase(read)]
      : [
          suite,
          Object.keys(figures)
            .map((name) => `${name} ${read.n(name)}`)
            .join(', '),
        ];
  });
  const { machine } = results;
  const command = mode === 'soak' ? 'npm run figures:fire -- --soak' : 'npm run figures:fire';
  return [
    `Recorded by \`${command}\` on ${results.startedAt.slice(0, 10)}: ${machine.cores} cores (${machine.cpuModel}), load average ${results.loadAverageAtStart[0]} at the start, ${num(results.durationSeconds)} s, commit ${results.gitCommit}${results.gitDirty ? ' with uncommitted changes' : ''}.`,
    '',
    markdownTable(['suite', 'figures'], rows),
  ].join('\n');
}
