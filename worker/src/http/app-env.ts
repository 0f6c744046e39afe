import type { Env } from '../env.ts';
import type { Logger } from '../log.ts';

/** Hono's typing of the collector: the Worker's bindings and what middleware adds per request. */
export interface AppEnv {
  Bindings: Env;
  Variables: {
    requestId: string;
    /** Carries the request id on every line. */
    log: Logger;
  };
}
