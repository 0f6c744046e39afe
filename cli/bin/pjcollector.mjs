#!/usr/bin/env node
// `npx pjcollector <command>`: the operator's CLI (docs/cli.md). Node 20 cannot run TypeScript,
// so the entry is bundled with esbuild and imported, as `npm start` does; that takes a fraction
// of a second and leaves nothing to rebuild by hand.
import { importTypeScript } from '../../tooling/scripts/import-typescript.mjs';

const { runCli, nodeIo } = await importTypeScript('cli/src/bin-entry.ts', 'pjcollector.mjs');
// A closed stdout (`pjcollector export | head`) ends the output, not the process with a stack trace.
process.stdout.on('error', () => {});
process.exitCode = await runCli(process.argv.slice(2), nodeIo());
