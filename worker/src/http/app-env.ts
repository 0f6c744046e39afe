import type { Env } from '../env.ts';
import type { Logger } from '../log.ts';

/** Hono's typing of the collector: the Worker's bindings and what middleware adds per request. */
export interface AppEnv {
  Bindings: Env;
  Variables: {
    requestId: string;
    /** Carries the request id on every line. */
    log: Logger;
    /**
     * Set when a browser request came from an opaque origin (`Origin: null`, a sandboxed frame)
     * and was admitted: anyone can send such a request, so its cookies are not trusted.
     */
    opaqueOrigin?: true;
  };
}
