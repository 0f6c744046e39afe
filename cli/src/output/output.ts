import { escapeControlCharacters } from '#shared/terminal-text.ts';
import type { TextSink } from '../io.ts';

const REDACTED = '[redacted]';

/**
 * Everything the CLI prints goes through here: results to stdout, notes and progress to
 * stderr, progress only when stderr is a terminal. As a last line of defence, any configured
 * secret that would be printed is replaced by `[redacted]`.
 */
export class Output {
  readonly #stdout: TextSink;
  readonly #stderr: TextSink;
  readonly #secrets: string[] = [];
  #progressShown = false;

  constructor(stdout: TextSink, stderr: TextSink) {
    this.#stdout = stdout;
    this.#stderr = stderr;
  }

  /** A value that must never appear in the output. */
  addSecret(secret: string | undefined): void {
    if (secret !== undefined && secret.length >= 4) this.#secrets.push(secret);
  }

  #redact(text: string): string {
    let safe = text;
    for (const secret of this.#secrets) safe = safe.split(secret).join(REDACTED);
    return safe;
  }

  /** Result text, already made safe for a terminal by its producer (tables, CSV, HTML). */
  write(text: string): void {
    this.#clearProgress();
    this.#stdout.write(this.#redact(text));
  }

  /** A line of text built from outside data: control characters are shown escaped. */
  line(text: string): void {
    this.write(`${escapeLines(text)}\n`);
  }

  /** A value as JSON, one document, with C1 control characters escaped too. */
  json(value: unknown): void {
    this.write(`${safeJson(value, 2)}\n`);
  }

  /** A note for the person at the terminal (stderr), whatever stdout is piped to. */
  note(text: string): void {
    this.#clearProgress();
    this.#stderr.write(this.#redact(`${escapeLines(text)}\n`));
  }

  /** A progress line, rewritten in place; shown only when stderr is a terminal. */
  progress(text: string): void {
    if (!this.#stderr.isTTY) return;
    this.#stderr.write(`\r\u001b[2K${this.#redact(escapeControlCharacters(text))}`);
    this.#progressShown = true;
  }

  #clearProgress(): void {
    if (!this.#progressShown) return;
    this.#stderr.write('\r\u001b[2K');
    this.#progressShown = false;
  }

  /** Ends any progress line. */
  done(): void {
    this.#clearProgress();
  }
}

/** Each line escaped on its own, so the line breaks a message is made of stay line breaks. */
function escapeLines(text: string): string {
  return text.split('\n').map(escapeControlCharacters).join('\n');
}

/**
 * JSON.stringify escapes U+0000..U+001F; C1 controls (U+0080..U+009F, which some terminals obey
 * as escape sequences), DEL and the line/paragraph separators are escaped here as well. The
 * result is the same JSON value.
 */
export function safeJson(value: unknown, indent?: number): string {
  return JSON.stringify(value, null, indent).replace(
    /[\u007f-\u009f\u2028\u2029]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
