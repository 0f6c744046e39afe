import type { LocalStackPorts } from './stack.ts';

/** One port of `npm start`: its default, and the environment variable that moves it. */
export interface PortSetting {
  part: keyof LocalStackPorts;
  /** What listens there, for messages: "the Prisjakt API emulator". */
  label: string;
  variable: string;
  defaultPort: number;
}

/**
 * The ports of `npm start`. The emulator's and the collector's are fixed by the contract
 * (wrangler.toml and emulator/wrangler.toml); the demo shop's, 8080, is the project's choice.
 */
export const PORT_SETTINGS: readonly PortSetting[] = [
  {
    part: 'emulator',
    label: 'the Prisjakt API emulator',
    variable: 'EMULATOR_PORT',
    defaultPort: 8788,
  },
  { part: 'collector', label: 'the collector', variable: 'COLLECTOR_PORT', defaultPort: 8787 },
  { part: 'site', label: 'the demo shop', variable: 'DEMO_PORT', defaultPort: 8080 },
];

export type PortsReading = { ok: true; ports: LocalStackPorts } | { ok: false; errors: string[] };

/**
 * Reads the ports from the environment: each variable, when set and not empty, must be a whole
 * number from 1 to 65535, and no two parts may share a port.
 *
 * @example readPorts({ DEMO_PORT: '3000' }) // { ok: true, ports: { emulator: 8788, collector: 8787, site: 3000 } }
 */
export function readPorts(env: Record<string, string | undefined>): PortsReading {
  const errors: string[] = [];
  const ports: LocalStackPorts = { emulator: 0, collector: 0, site: 0 };
  for (const setting of PORT_SETTINGS) {
    const raw = env[setting.variable]?.trim();
    if (raw === undefined || raw === '') {
      ports[setting.part] = setting.defaultPort;
    } else if (/^\d{1,5}$/.test(raw) && Number(raw) >= 1 && Number(raw) <= 65_535) {
      ports[setting.part] = Number(raw);
    } else {
      errors.push(
        `${setting.variable} must be a port number from 1 to 65535, not ${JSON.stringify(raw.slice(0, 40))}.`,
      );
    }
  }
  if (errors.length > 0) return { ok: false, errors };
  for (const [index, setting] of PORT_SETTINGS.entries()) {
    for (const other of PORT_SETTINGS.slice(index + 1)) {
      if (ports[setting.part] === ports[other.part]) {
        errors.push(
          `${setting.variable} and ${other.variable} are both ${ports[setting.part]}; ${setting.label} and ${other.label} need a port each.`,
        );
      }
    }
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, ports };
}

/** The message for a port that something else already uses, naming the variable that moves it. */
export function portInUseMessage(setting: PortSetting, port: number, suggestion: number): string {
  return [
    `Port ${port} on 127.0.0.1 is already in use, so ${setting.label} cannot listen there.`,
    `  Stop what is using it (an earlier \`npm start\` or \`wrangler dev\`?), or move ${setting.label}:`,
    `  ${setting.variable}=${suggestion} npm start`,
  ].join('\n');
}

/**
 * A port to suggest instead of a busy one: the next above it that the other parts do not use
 * and nothing listens on (checked with `isFree`), or the busy one's neighbour if none of the
 * next 50 is.
 */
export async function suggestPort(
  busy: number,
  taken: readonly number[],
  isFree: (port: number) => Promise<boolean>,
): Promise<number> {
  for (let candidate = busy + 1; candidate <= Math.min(busy + 50, 65_535); candidate += 1) {
    if (!taken.includes(candidate) && (await isFree(candidate))) return candidate;
  }
  return busy === 65_535 ? busy - 1 : busy + 1;
}
