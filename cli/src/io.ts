/** What the CLI touches of the outside world, so tests can run it in-process. */
export interface CliIo {
  env: Readonly<Record<string, string | undefined>>;
  stdout: TextSink;
  stderr: TextSink;
  /** Default `globalThis.fetch`; tests hand in the emulator. */
  fetch: typeof fetch;
  now: () => number;
  readFile(path: string): Promise<string>;
  writeFile(path: string, text: string): Promise<void>;
}

export interface TextSink {
  write(text: string): void;
  /** Whether a person is watching: progress is shown only then. */
  readonly isTTY?: boolean | undefined;
}
