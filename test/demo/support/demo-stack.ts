import { createDemoShop } from '#tooling/demo/shop.ts';
import { freePort } from '#tooling/stack/ports.ts';
import { type LocalStack, startLocalStack } from '#tooling/stack/stack.ts';

/** The stack of `npm start`, demo shop included, on free ports. */
export async function startDemoStack(): Promise<LocalStack> {
  return startLocalStack({
    ports: { emulator: await freePort(), collector: await freePort(), site: 0 },
    site: ({ emulatorUrl }) => createDemoShop({ emulatorUrl }),
    emulatorLogLevel: 'warn',
  });
}
