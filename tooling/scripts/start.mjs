// `npm start`: the emulator, the collector under `wrangler dev` and the demo shop, wired
// together, offline (docs/local-stack.md).
import { importTypeScript } from './import-typescript.mjs';

const { runStart } = await importTypeScript('tooling/demo/start-command.ts', 'start.mjs');
// A closed stdout (`npm start | head`) must not crash the shutdown.
process.stdout.on('error', () => {});
process.exit(await runStart(process.env));
