import { Hono } from 'hono';
import { honoPath, OPERATIONS, type OperationId } from '#shared/api/operations.ts';
import { LIMITS } from '#shared/limits.ts';
import type { EmulatorDeps, EmulatorEnv } from './app-env.ts';
import { authenticate } from './auth/authenticate.ts';
import { authorize } from './auth/authorize.ts';
import { limitRate } from './auth/limit-rate.ts';
import { RateLimiter } from './auth/rate-limiter.ts';
import { registerControls } from './controls/index.ts';
import { FaultStore } from './faults/fault-store.ts';
import { ConnectionDropped, injectFaults } from './faults/inject-faults.ts';
import { API_BASE_PATHS } from './http/base-paths.ts';
import { countRequests } from './http/count-requests.ts';
import { drainRequestBody } from './http/drain-body.ts';
import { renderError, renderNotFound } from './http/errors.ts';
import { assignRequestId } from './http/request-id.ts';
import { type CollectorAdminLink, checkedCollectorUrl } from './inspector/dead-letters.ts';
import { buildOpenApiDocument } from './openapi/document.ts';
import { RequestLog } from './request-log.ts';
import { ROUTES } from './routes/index.ts';
import { applySeed, DEFAULT_SIGNING_KEY, DOCUMENTED_SIGNATURES } from './seed.ts';
import { createClickSigner } from './signing.ts';
import { EmulatorState } from './state.ts';

export type { EmulatorEnv } from './app-env.ts';

export interface EmulatorOptions {
  /** The clock, in epoch milliseconds; tests move it. Default `Date.now`. */
  now?: () => number;
  /** HMAC key for click signatures. Default DEFAULT_SIGNING_KEY in seed.ts. */
  signingKey?: string;
  /** Requests per client id per hour. Default 10,000. */
  rateLimitPerHour?: number;
  /** The collector whose dead-letter store the inspector shows; none by default. */
  collector?: CollectorAdminLink;
}

export interface Emulator {
  /** The whole emulator: API, under `/` and `/click-conversion`, and `/__emulator/*`. */
  app: Hono<EmulatorEnv>;
  /**
   * Serves one request in-process. A `drop` fault rejects it with a TypeError, as `fetch` does
   * when the connection is lost.
   */
  fetch: (request: Request) => Promise<Response>;
  /** Back to the seeded state: data, faults, rate-limit windows and request counts. */
  reset(): void;
}

function checkedOptions(options: EmulatorOptions) {
  const rateLimitPerHour = options.rateLimitPerHour ?? LIMITS.rateLimitPerHour;
  if (!Number.isSafeInteger(rateLimitPerHour) || rateLimitPerHour < 1) {
    throw new RangeError(`rateLimitPerHour must be a positive integer, not ${rateLimitPerHour}`);
  }
  const signingKey = options.signingKey ?? DEFAULT_SIGNING_KEY;
  if (signingKey === '') throw new RangeError('signingKey must not be empty');
  if (options.collector?.adminToken === '') {
    throw new RangeError('collector.adminToken must not be empty');
  }
  const collector = options.collector && {
    url: checkedCollectorUrl(options.collector.url),
    adminToken: options.collector.adminToken,
  };
  return { now: options.now ?? Date.now, rateLimitPerHour, signingKey, collector };
}

/**
 * An emulator of Prisjakt's Click and Conversion API, with its state in memory, seeded as
 * SEED describes. Runs in Node and in workerd alike (Web APIs only).
 *
 * @example
 * const emulator = createEmulator({ now: () => clock });
 * const response = await emulator.fetch(new Request('http://emulator.test/health'));
 */
export function createEmulator(options: EmulatorOptions = {}): Emulator {
  const { now, rateLimitPerHour, signingKey, collector } = checkedOptions(options);
  const state = new EmulatorState();
  let openApiDocument: unknown;
  const deps: EmulatorDeps = {
    state,
    now,
    signer: createClickSigner(signingKey, DOCUMENTED_SIGNATURES),
    rateLimiter: new RateLimiter(rateLimitPerHour, now),
    faults: new FaultStore(),
    requestLog: new RequestLog(),
    openApiDocument() {
      openApiDocument ??= buildOpenApiDocument(ROUTES);
      return openApiDocument;
    },
    collector,
  };
  const reset = () => {
    applySeed(state, now());
    deps.rateLimiter.clear();
    deps.faults.clear();
    deps.requestLog.clear();
  };
  reset();

  const app = new Hono<EmulatorEnv>();
  app.use('*', assignRequestId(), countRequests(deps), drainRequestBody());
  registerControls(app, deps, reset);
  for (const base of API_BASE_PATHS) {
    for (const id of Object.keys(ROUTES) as OperationId[]) {
      const operation = OPERATIONS[id];
      const route = ROUTES[id];
      app.on(
        operation.method,
        base + honoPath(operation.path),
        async function identifyOperation(c, next) {
          c.set('operation', id);
          await next();
        },
        injectFaults(deps),
        authenticate(operation, deps),
        limitRate(operation, deps),
        authorize(operation),
        (c) => route.handle(c, deps),
      );
    }
  }
  app.notFound(renderNotFound);
  app.onError(renderError);

  const fetch = async (request: Request): Promise<Response> => {
    try {
      return await app.fetch(request);
    } catch (error) {
      // A plain TypeError, as fetch rejects with: workerd carries only built-in error types
      // across a service binding, so a subclass would arrive as a bare Error.
      if (error instanceof ConnectionDropped) throw new TypeError(error.message);
      throw error;
    }
  };
  return { app, fetch, reset };
}
