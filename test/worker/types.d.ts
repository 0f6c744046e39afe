// Types shared by the Node side (global setup, config) and the tests in workerd.

declare module 'vitest' {
  export interface ProvidedContext {
    /** The emulator global-setup.ts started, e.g. http://127.0.0.1:41234. */
    emulatorUrl: string;
  }
}

declare global {
  namespace Cloudflare {
    interface GlobalProps {
      /** Types `exports` of `cloudflare:workers`: the collector is the pool's main module. */
      mainModule: typeof import('#worker/index.ts');
    }
  }
}

export {};
