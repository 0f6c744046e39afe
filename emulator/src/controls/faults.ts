import type { Hono } from 'hono';
import { echoValue, type FieldErrors } from '#shared/problem.ts';
import type { EmulatorDeps, EmulatorEnv } from '../app-env.ts';
import type { Fault, FaultSpec } from '../faults/fault-store.ts';
import { invalidRequest } from '../http/problem.ts';
import { readOptionalObject } from './object-body.ts';

/** A 429 fault's `X-RateLimit-Reset` lies this far ahead unless `reset_ms` says otherwise. */
export const DEFAULT_FAULT_RESET_MS = 1000;
/** Longer delays would only make a test wait; a client's own timeout is what is being tested. */
const MAX_DELAY_MS = 60_000;

function isIntegerIn(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

/** The body of `POST /__emulator/faults`, as callers send it (docs/emulator.md, "Faults"). */
export interface FaultRequest {
  status?: number;
  count?: number;
  delay_ms?: number;
  paths?: string[];
  drop?: boolean;
  reset_ms?: number;
}

/** Checks a `POST /__emulator/faults` body; every problem is reported at once. */
export function parseFaultSpec(body: Record<string, unknown>): FaultSpec {
  const errors: FieldErrors = {};
  const { status, count, delay_ms: delayMs, paths, drop, reset_ms: resetMs } = body;
  if (status !== undefined && !isIntegerIn(status, 400, 599)) {
    errors.status = { message: 'must be an HTTP status from 400 to 599', value: echoValue(status) };
  }
  if (count !== undefined && !isIntegerIn(count, 1, 1_000_000)) {
    errors.count = { message: 'must be a positive integer', value: echoValue(count) };
  }
  if (delayMs !== undefined && !isIntegerIn(delayMs, 0, MAX_DELAY_MS)) {
    errors.delay_ms = {
      message: `must be an integer from 0 to ${MAX_DELAY_MS}`,
      value: echoValue(delayMs),
    };
  }
  if (
    paths !== undefined &&
    !(
      Array.isArray(paths) &&
      paths.length > 0 &&
      paths.every((path) => typeof path === 'string' && path.startsWith('/'))
    )
  ) {
    errors.paths = {
      message: 'must be a non-empty array of path prefixes starting with /',
      value: echoValue(paths),
    };
  }
  if (drop !== undefined && typeof drop !== 'boolean') {
    errors.drop = { message: 'must be true or false', value: echoValue(drop) };
  }
  if (resetMs !== undefined && !isIntegerIn(resetMs, 0, 24 * 60 * 60 * 1000)) {
    errors.reset_ms = {
      message: 'must be an integer number of milliseconds, at most a day',
      value: echoValue(resetMs),
    };
  }
  if (status === undefined && drop !== true && delayMs === undefined) {
    errors.status = { message: 'is required unless the fault drops the connection or only delays' };
  }
  if (status !== undefined && drop === true) {
    errors.drop = { message: 'cannot be combined with status: a dropped connection has no status' };
  }
  if (Object.keys(errors).length > 0) throw invalidRequest(errors);
  const spec: FaultSpec = {
    remaining: typeof count === 'number' ? count : null,
    delayMs: typeof delayMs === 'number' ? delayMs : 0,
    paths: Array.isArray(paths) ? paths.map(String) : null,
    drop: drop === true,
    resetMs: typeof resetMs === 'number' ? resetMs : DEFAULT_FAULT_RESET_MS,
  };
  if (typeof status === 'number') spec.status = status;
  return spec;
}

function faultView(fault: Fault) {
  return {
    id: fault.id,
    status: fault.status ?? null,
    count: fault.remaining,
    delay_ms: fault.delayMs,
    paths: fault.paths,
    drop: fault.drop,
    reset_ms: fault.resetMs,
  };
}

/**
 * `POST /__emulator/faults` makes the next `count` matching API requests (all, without a count)
 * fail: with `status`, after `delay_ms`, or by a cut connection (`drop`). `GET` lists the
 * active faults, `DELETE` clears them.
 */
export function registerFaultControls(
  app: Hono<EmulatorEnv>,
  prefix: string,
  deps: EmulatorDeps,
): void {
  app.post(`${prefix}/faults`, async (c) => {
    const fault = deps.faults.add(parseFaultSpec(await readOptionalObject(c)));
    return c.json(faultView(fault), 201);
  });
  app.get(`${prefix}/faults`, (c) => c.json({ faults: deps.faults.list().map(faultView) }));
  app.delete(`${prefix}/faults`, (c) => {
    deps.faults.clear();
    return c.body(null, 204);
  });
}
