import { createEmulator, type Emulator } from './app.ts';
import { problemResponse } from './http/problem.ts';
import { SEED } from './seed.ts';

/** The variables of emulator/wrangler.toml. */
interface Env {
  SIGNING_KEY?: string;
  RATE_LIMIT_PER_HOUR?: string;
  /** The collector (base path included) whose dead letters the inspector shows; empty: none. */
  COLLECTOR_URL?: string;
  /** That collector's ADMIN_TOKEN. */
  COLLECTOR_ADMIN_TOKEN?: string;
}

// Public test credentials, printed so a developer can use them right away.
console.log(
  [
    'Prisjakt API emulator: state is in memory and starts from this seed on every start.',
    `  shop ${SEED.shopId}, pixel ${SEED.pixelId}`,
    `  shop_user + event_publisher  client-id ${SEED.shopUser.id}  client-secret ${SEED.shopUser.secret}`,
    `  event_publisher              client-id ${SEED.publisher.id}  client-secret ${SEED.publisher.secret}`,
    `  admin                        client-id ${SEED.admin.id}  client-secret ${SEED.admin.secret}`,
    `  other shop ${SEED.otherShop.shopId}, pixel ${SEED.otherShop.pixelId}, shop_user ${SEED.otherShop.shopUser.id} / ${SEED.otherShop.shopUser.secret}`,
    `  a click: ${SEED.click.signedClickId} (more: POST /__emulator/clicks)`,
    '  event inspector: /__emulator/ in a browser',
  ].join('\n'),
);

let emulator: Emulator | undefined;
let configurationError: string | undefined;

/** Builds the emulator from the variables once per isolate; its state lives as long as that. */
function emulatorFor(env: Env): Emulator | undefined {
  if (emulator || configurationError) return emulator;
  const rate = env.RATE_LIMIT_PER_HOUR;
  if (rate !== undefined && !/^[1-9][0-9]*$/.test(rate)) {
    configurationError = 'RATE_LIMIT_PER_HOUR must be a positive integer.';
    return undefined;
  }
  const collectorUrl = env.COLLECTOR_URL ?? '';
  if (collectorUrl !== '' && !env.COLLECTOR_ADMIN_TOKEN) {
    configurationError = "COLLECTOR_URL needs COLLECTOR_ADMIN_TOKEN, the collector's ADMIN_TOKEN.";
    return undefined;
  }
  const options = {
    ...(env.SIGNING_KEY ? { signingKey: env.SIGNING_KEY } : {}),
    ...(rate !== undefined ? { rateLimitPerHour: Number(rate) } : {}),
    ...(collectorUrl !== '' && env.COLLECTOR_ADMIN_TOKEN
      ? { collector: { url: collectorUrl, adminToken: env.COLLECTOR_ADMIN_TOKEN } }
      : {}),
  };
  try {
    emulator = createEmulator(options);
  } catch (error) {
    // A RangeError names the setting; none of them shows the token.
    configurationError = `COLLECTOR_URL: ${error instanceof RangeError ? error.message : 'invalid'}.`;
    return undefined;
  }
  return emulator;
}

/**
 * The emulator under workerd (`npm run emulator`, or Miniflare). A `drop` fault throws out of
 * `fetch`: a caller through a service binding sees its fetch reject, as on a lost connection;
 * over HTTP, workerd can only turn that into a 500, since it cannot cut a connection before
 * answering.
 */
// Typed by hand rather than `satisfies ExportedHandler<Env>`: the Node-side test project
// type-checks this file too, without workerd's global types.
export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const instance = emulatorFor(env);
    if (!instance) {
      return problemResponse(
        500,
        `The emulator is misconfigured: ${configurationError}`,
        crypto.randomUUID(),
      );
    }
    return instance.fetch(request);
  },
};
