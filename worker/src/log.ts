import { redactClickId } from '#shared/pjclid.ts';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

const SEVERITY: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };
export const DEFAULT_LOG_LEVEL: LogLevel = 'info';

/** Whether a value names a log level. */
export function isLogLevel(value: unknown): value is LogLevel {
  return typeof value === 'string' && Object.hasOwn(SEVERITY, value);
}

/** The `LOG_LEVEL` setting; an unknown value logs everything from `info` (and /healthz says so). */
export function logLevelFrom(value: string | undefined): LogLevel {
  const level = value?.trim().toLowerCase();
  return isLogLevel(level) ? level : DEFAULT_LOG_LEVEL;
}
export type LogFields = Record<string, string | number | boolean | null | undefined | string[]>;

/**
 * Structured JSON logs, one object per line, so Workers Logs can filter and count by `event`.
 * What may be logged is decided by the caller: never a secret or a header, never a URL's query,
 * and click ids only through {@link clickIdForLog}.
 */
export interface Logger {
  debug(event: string, fields?: LogFields): void;
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
  /** A logger that adds `fields` to every line. */
  with(fields: LogFields): Logger;
}

/**
 * @example createLogger({ request_id: id }, 'info').info('intake.accepted', { pixel_id })
 */
export function createLogger(
  context: LogFields = {},
  minimum: LogLevel = DEFAULT_LOG_LEVEL,
): Logger {
  const write = (level: LogLevel, event: string, fields: LogFields = {}) => {
    if (SEVERITY[level] < SEVERITY[minimum]) return;
    const line = JSON.stringify({
      level,
      event,
      ...context,
      ...fields,
      time: new Date().toISOString(),
    });
    if (level === 'error') console.error(line);
    else if (level === 'warn') console.warn(line);
    else console.log(line);
  };
  return {
    debug: (event, fields) => write('debug', event, fields),
    info: (event, fields) => write('info', event, fields),
    warn: (event, fields) => write('warn', event, fields),
    error: (event, fields) => write('error', event, fields),
    with: (fields) => createLogger({ ...context, ...fields }, minimum),
  };
}

/** A click id cut short: enough to correlate log lines, too little to replay the click. */
export function clickIdForLog(signedClickId: string | undefined): string | undefined {
  return signedClickId === undefined ? undefined : redactClickId(signedClickId);
}

/** An error's name and message for a log line (the client's errors never hold the secret). */
export function errorFields(error: unknown): LogFields {
  if (error instanceof Error) return { error: error.name, error_message: error.message };
  return { error: 'non-error thrown', error_message: String(error) };
}
