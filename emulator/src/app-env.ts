import type { OperationId } from '#shared/api/operations.ts';
import type { RateLimiter } from './auth/rate-limiter.ts';
import type { FaultStore } from './faults/fault-store.ts';
import type { CollectorAdminLink } from './inspector/dead-letters.ts';
import type { RequestLog } from './request-log.ts';
import type { ClickSigner } from './signing.ts';
import type { ClientRecord, EmulatorState } from './state.ts';

/** Hono's environment for the emulator: what middleware leaves for the handlers. */
export type EmulatorEnv = {
  Variables: {
    requestId: string;
    /** Set on API routes only, before anything else runs. */
    operation: OperationId | undefined;
    /** The authenticated caller; set on every operation that needs credentials. */
    client: ClientRecord;
  };
};

/** What every handler works with: the state, the clock and the emulator's services. */
export interface EmulatorDeps {
  state: EmulatorState;
  /** Epoch milliseconds. */
  now(): number;
  signer: ClickSigner;
  rateLimiter: RateLimiter;
  faults: FaultStore;
  requestLog: RequestLog;
  /** The OpenAPI document, built once from the route table. */
  openApiDocument(): unknown;
  /** The collector whose dead letters the inspector shows, if any. */
  collector: CollectorAdminLink | undefined;
}
