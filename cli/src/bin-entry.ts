// What the bin imports: the CLI and the real process's I/O.
export { runCli } from './main.ts';
export { nodeIo } from './node-io.ts';
