import { parseAllowedOrigins } from '#worker/config/origins.ts';
import type { DoctorReport } from '#worker/operator/doctor-report.ts';
import { CollectorAdmin } from '../collector/admin-client.ts';
import { type Command, flag, listOption } from '../command.ts';
import { collectorSettings } from '../config.ts';
import { type Check, fail, warn } from '../doctor/check.ts';
import { credentialChecks } from '../doctor/credential-checks.ts';
import {
  cookieDomainCheck,
  corsCheck,
  fetchHealthz,
  pixelScriptCheck,
  queueCheck,
  testableOrigins,
} from '../doctor/http-checks.ts';
import { EXIT, UsageError } from '../errors.ts';
import { COLLECTOR_OPTIONS } from '../options.ts';
import { renderTable } from '../output/table.ts';

/** An origin a pattern admits: `https://*.shop.example` → `https://www.shop.example`. */
function exampleOrigin(pattern: string): string {
  return pattern.replace(/:\*$/, ':8080').replace('://*.', '://www.');
}

const MARK = { pass: 'ok  ', warn: 'WARN', fail: 'FAIL' } as const;

export const doctorCommand: Command = {
  name: 'doctor',
  summary: 'check a deployed collector end to end, with the fix for each problem',
  synopsis: 'doctor [--url URL] [--origin ORIGIN]… [--json]',
  description:
    "Checks the collector at PJCOLLECTOR_URL: /healthz; through its admin route (PJCOLLECTOR_ADMIN_TOKEN), whether Prisjakt accepts its credentials, each configured pixel exists and is enabled, and the rate-limit headroom (the secret stays in the Worker); that pjpixel.js is served as JavaScript with caching; that CORS is answered for each configured origin (and each --origin); that the cookie domain covers the collector's host; and the queue names. Each check passes, warns or fails with its fix. Exits 1 when any check fails.",
  options: {
    origin: {
      type: 'string',
      multiple: true,
      value: 'ORIGIN',
      description: 'also check CORS for this origin (for wildcard patterns)',
    },
    ...COLLECTOR_OPTIONS,
  },
  async run({ io, values, output }) {
    const settings = collectorSettings(io, values, output);
    const extraOrigins = listOption(values, 'origin');
    for (const origin of extraOrigins) {
      if (!/^https?:\/\/[^/]+$/.test(origin))
        throw new UsageError(`--origin must be an origin like https://shop.example, got ${origin}`);
    }
    const checks: Check[] = [];
    output.progress('checking /healthz…');
    const healthz = await fetchHealthz(io, settings.url);
    checks.push(healthz.check);

    let report: DoctorReport | undefined;
    if (settings.adminToken === undefined) {
      checks.push(
        fail(
          'admin route',
          'no admin token',
          "set PJCOLLECTOR_ADMIN_TOKEN to the collector's ADMIN_TOKEN",
        ),
      );
    } else if (healthz.body !== undefined && healthz.body.status !== 'misconfigured') {
      // A misconfigured collector answers nothing but /healthz; a degraded one still can.
      output.progress('asking the collector to check its credentials…');
      try {
        report = (
          await new CollectorAdmin(io, settings.url, settings.adminToken).call<DoctorReport>(
            'GET',
            '/doctor',
          )
        ).body;
      } catch (error) {
        checks.push(
          fail(
            'admin route',
            (error as Error).message,
            "set PJCOLLECTOR_ADMIN_TOKEN to the collector's ADMIN_TOKEN (and ADMIN_TOKEN on the collector)",
          ),
        );
      }
    }
    if (report) checks.push(...credentialChecks(report));
    else
      checks.push(
        warn(
          'prisjakt credentials',
          'not checked: the collector could not be asked',
          'fix the checks above first',
        ),
      );

    output.progress('checking pjpixel.js…');
    checks.push(await pixelScriptCheck(io, settings.url));

    const { origins, wildcards } = testableOrigins(report?.collector.allowed_origins ?? []);
    for (const origin of new Set([...origins, ...extraOrigins])) {
      output.progress(`checking CORS for ${origin}…`);
      checks.push(await corsCheck(io, settings.url, origin));
    }
    const tested = [...new Set([...origins, ...extraOrigins])];
    for (const pattern of wildcards) {
      // A pattern is covered when one of the origins tested above falls under it.
      const matcher = parseAllowedOrigins(pattern, false);
      if (matcher.ok && tested.some((origin) => matcher.matcher.matches(origin))) continue;
      checks.push(
        warn(
          `cors ${pattern}`,
          'a pattern: no single origin to test',
          `run doctor --origin with an origin it should admit, e.g. --origin ${exampleOrigin(pattern)}`,
        ),
      );
    }
    if (report) checks.push(cookieDomainCheck(settings.url, report.collector.cookie.domain));
    checks.push(queueCheck(healthz.body));
    output.done();

    const failed = checks.filter((check) => check.status === 'fail').length;
    const warned = checks.filter((check) => check.status === 'warn').length;
    if (flag(values, 'json')) {
      output.json({ collector: settings.url, ok: failed === 0, checks });
    } else {
      output.write(
        renderTable(checks, [
          { header: '', value: (check) => MARK[check.status] },
          { header: 'check', value: (check) => check.name },
          { header: 'result', value: (check) => check.detail },
        ]),
      );
      const fixes = checks.filter((check) => check.fix !== undefined);
      if (fixes.length > 0) {
        output.write('\nTo fix:\n');
        for (const check of fixes) output.line(`  ${check.name}: ${check.fix}`);
      }
      output.line(
        `\n${checks.length - failed - warned} passed, ${warned} warned, ${failed} failed`,
      );
    }
    // A collector that does not answer at all is a connection error, not a finding.
    if (!healthz.reachable) return EXIT.usage;
    return failed === 0 ? EXIT.ok : EXIT.problems;
  },
};
