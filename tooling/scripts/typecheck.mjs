// Type-checks each part against its own runtime: the pixel against the DOM, the Worker and the
// emulator against workerd's types, the Node-side tests against Node's. One tsconfig per part,
// because those global type sets conflict.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const projects = [
  'shared',
  'pixel',
  'worker',
  'emulator',
  'cli',
  'test',
  'test/worker',
  'test/fire',
  'tooling',
  'tooling/bench',
  'tooling/bench/src/workerd',
  'integrations/shopify',
].filter((dir) => existsSync(`${dir}/tsconfig.json`));
let failed = false;
for (const project of projects) {
  const result = spawnSync('npx', ['tsc', '-p', project, '--noEmit'], { stdio: 'inherit' });
  console.log(`typecheck ${project}: ${result.status === 0 ? 'ok' : 'FAILED'}`);
  if (result.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
