import { SEED } from '#emulator/seed.ts';
import { isPortInUse } from '#tooling/stack/ports.ts';
import {
  PORT_SETTINGS,
  portInUseMessage,
  readPorts,
  suggestPort,
} from '#tooling/stack/settings.ts';
import {
  COLLECTOR_BASE_PATH,
  LOCAL_DEV_ADMIN_TOKEN,
  type LocalStack,
  startLocalStack,
} from '#tooling/stack/stack.ts';
import { type ProcessExit, WranglerDevStartError } from '#tooling/stack/wrangler-dev.ts';
import { createDemoShop } from './shop.ts';

/** wrangler.toml's public server-to-server token for local development. */
export const LOCAL_DEV_SERVER_TOKEN = 'local-dev-token';
/** How often `npm start` checks that npm, which started it, is still there. */
const ORPHAN_CHECK_MS = 500;
/** How much of a failed part's output is shown. */
const OUTPUT_LINES_ON_FAILURE = 40;

type Outcome =
  | { kind: 'signal'; signal: NodeJS.Signals }
  | { kind: 'exited'; part: string; exit: ProcessExit };

/** What `npm start` prints once everything answers: where to go, and the public dev values. */
export function banner(
  stack: Pick<LocalStack, 'siteUrl' | 'emulatorUrl' | 'collectorUrl'>,
): string {
  const collector = `${stack.collectorUrl}${COLLECTOR_BASE_PATH}`;
  return `
pjcollector runs locally, offline. Open the demo shop and follow a Prisjakt click:

  Demo shop         ${stack.siteUrl}/
  Event inspector   ${stack.emulatorUrl}/__emulator/
  Collector         ${collector}/healthz   (the shop proxies ${stack.siteUrl}${COLLECTOR_BASE_PATH}/* to it)
  Prisjakt API      ${stack.emulatorUrl}   (the emulator: in memory, fresh on every start)

Local-development values (public; never use them in production):
  pixel id            ${SEED.pixelId}
  API client          client-id ${SEED.shopUser.id}  client-secret ${SEED.shopUser.secret}
  server-to-server    Authorization: Bearer ${LOCAL_DEV_SERVER_TOKEN}
  dead-letter admin   Authorization: Bearer ${LOCAL_DEV_ADMIN_TOKEN}

The collector's log follows. Ctrl-C stops everything.
`;
}

const ANSI_STYLE = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

/** A child's line as printed: without terminal colours when the output is not a terminal. */
function shown(line: string, plain: boolean): string {
  return plain ? line.replace(ANSI_STYLE, '') : line;
}

/**
 * The collector's log lines of the inspector's own dead-letter reads (every few seconds while
 * the inspector is open), which would drown the rest: `GET {base}/admin/dead-letters` → 200.
 */
export function isInspectorRead(line: string): boolean {
  const path = `${COLLECTOR_BASE_PATH}/admin/dead-letters`;
  return (
    (line.includes('"method":"GET"') &&
      line.includes(`"path":"${path}"`) &&
      line.includes('"status":200')) ||
    new RegExp(`^\\[wrangler:info\\] GET ${path}(\\?\\S*)? 200 `).test(line)
  );
}

function lastLines(output: string): string {
  return output
    .trimEnd()
    .split('\n')
    .slice(-OUTPUT_LINES_ON_FAILURE)
    .map((line) => `  | ${line}`)
    .join('\n');
}

function describeExit(exit: ProcessExit): string {
  return exit.signal ? `signal ${exit.signal}` : `exit code ${exit.code}`;
}

/**
 * `npm start`: checks the ports, starts the local stack, prints what to open, streams the
 * collector's log, and on SIGINT, SIGTERM or SIGHUP stops every part. Resolves with the exit
 * code: 0 after a requested stop, 1 when a part failed, 2 for invalid settings. Bundled and run
 * by scripts/start.mjs; see docs/local-stack.md.
 *
 * @example process.exit(await runStart(process.env));
 */
export async function runStart(env: Record<string, string | undefined>): Promise<number> {
  const reading = readPorts(env);
  if (!reading.ok) {
    for (const error of reading.errors) console.error(error);
    return 2;
  }
  const { ports } = reading;
  for (const setting of PORT_SETTINGS) {
    const port = ports[setting.part];
    if (await isPortInUse(port)) {
      const suggestion = await suggestPort(
        port,
        Object.values(ports),
        async (candidate) => !(await isPortInUse(candidate)),
      );
      console.error(portInUseMessage(setting, port, suggestion));
      return 1;
    }
  }

  const aborting = new AbortController();
  let signalled: (signal: NodeJS.Signals) => void = () => {};
  const signalReceived = new Promise<Outcome>((resolve) => {
    signalled = (signal) => resolve({ kind: 'signal', signal });
  });
  let stack: LocalStack | undefined;
  const onSignal = (signal: NodeJS.Signals, reason = `${signal}`) => {
    if (aborting.signal.aborted) {
      console.error(`${reason} again: not waiting any longer.`);
      for (const pid of [stack?.emulator.pid, stack?.collector.pid]) {
        try {
          if (pid !== undefined) process.kill(-pid, 'SIGKILL');
        } catch {
          // Gone already.
        }
      }
      process.exit(1);
    }
    console.log(`\n${reason}: stopping the demo shop, the collector and the emulator…`);
    aborting.abort(signal);
    signalled(signal);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => onSignal(signal));
  }
  // A supervisor's SIGTERM to `npm start` ends npm and its shell but not this process; it then
  // has a new parent. Nobody is left to stop the stack, so it stops itself.
  const parent = process.ppid;
  const orphanWatch = setInterval(() => {
    if (process.ppid !== parent) {
      clearInterval(orphanWatch);
      onSignal('SIGTERM', 'npm has stopped');
    }
  }, ORPHAN_CHECK_MS);
  orphanWatch.unref();

  console.log(
    `Starting the Prisjakt API emulator (:${ports.emulator}), the collector (:${ports.collector}) under wrangler dev, and the demo shop (:${ports.site})…`,
  );
  try {
    stack = await startLocalStack({
      ports,
      site: ({ emulatorUrl }) => createDemoShop({ emulatorUrl }),
      // The inspector polls the emulator every second; its request lines would drown the rest.
      emulatorLogLevel: 'warn',
      signal: aborting.signal,
    });
  } catch (error) {
    if (aborting.signal.aborted) {
      console.log('Stopped.');
      return 0;
    }
    if (error instanceof WranglerDevStartError) {
      console.error(`${error.message}. Its last output:\n${lastLines(error.output)}`);
    } else {
      console.error('The local stack could not start:', error);
    }
    return 1;
  }
  if (aborting.signal.aborted) {
    await stack.stop();
    console.log('Stopped.');
    return 0;
  }

  console.log(banner(stack));
  const plain = !process.stdout.isTTY;
  stack.collector.follow((line) => {
    if (line !== '' && !isInspectorRead(line)) console.log(`collector │ ${shown(line, plain)}`);
  });
  stack.emulator.follow((line) => {
    if (line !== '') console.log(`emulator  │ ${shown(line, plain)}`);
  });
  const running = stack;
  const crashed = (part: string, exited: Promise<ProcessExit>) =>
    exited.then((exit): Outcome => ({ kind: 'exited', part, exit }));
  const outcome = await Promise.race([
    signalReceived,
    crashed('the emulator', running.emulator.exited),
    crashed('the collector', running.collector.exited),
  ]);
  if (outcome.kind === 'exited') {
    aborting.abort();
    console.error(
      `${outcome.part} (wrangler dev) stopped unexpectedly (${describeExit(outcome.exit)}); stopping the rest.`,
    );
  }
  await running.stop();
  console.log('Stopped.');
  return outcome.kind === 'signal' ? 0 : 1;
}
