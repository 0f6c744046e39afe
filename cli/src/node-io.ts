import { readFile, writeFile } from 'node:fs/promises';
import type { CliIo } from './io.ts';

/** The real process: its environment, stdout and stderr, the file system, global fetch. */
export function nodeIo(): CliIo {
  return {
    env: process.env,
    stdout: { write: (text) => void process.stdout.write(text), isTTY: process.stdout.isTTY },
    stderr: { write: (text) => void process.stderr.write(text), isTTY: process.stderr.isTTY },
    fetch: (input, init) => globalThis.fetch(input, init),
    now: Date.now,
    readFile: (path) => readFile(path, 'utf8'),
    writeFile: (path, text) => writeFile(path, text, 'utf8'),
  };
}
