import { expect } from 'vitest';

/** A problem body as the collector writes it. */
export interface Problem {
  title: string;
  status: number;
  detail: string;
  code: string;
  context: { request_id: string };
  field_errors?: Record<string, { message: string; value?: unknown }>;
}

/**
 * Checks that an answer is a refusal done right: a 4xx (never a 5xx), `application/problem+json`
 * with title, status, detail and request id, not sniffable, not cacheable; returns the body.
 */
export async function expectProblem(response: Response, context: string): Promise<Problem> {
  const text = await response.text();
  const where = `${context}: ${response.status} ${text.slice(0, 300)}`;
  expect(response.status, where).toBeGreaterThanOrEqual(400);
  expect(response.status, where).toBeLessThan(500);
  expect(response.headers.get('content-type'), where).toBe('application/problem+json');
  expect(response.headers.get('x-content-type-options'), where).toBe('nosniff');
  expect(response.headers.get('cache-control'), where).toBe('no-store');
  const problem = JSON.parse(text) as Problem;
  expect(problem.status, where).toBe(response.status);
  expect(typeof problem.title, where).toBe('string');
  expect(typeof problem.detail, where).toBe('string');
  expect(problem.context.request_id, where).toBe(response.headers.get('x-request-id'));
  // Input echoed back (field errors, a media type, a parser's message) stays inert.
  expect(text, where).not.toMatch(/[<>]/);
  return problem;
}

/** Checks that a refusal names each of `fields` among its field errors, with a message. */
export function expectFieldErrors(problem: Problem, fields: readonly string[], context: string) {
  const named = Object.keys(problem.field_errors ?? {});
  for (const field of fields) {
    expect(named, `${context}: ${JSON.stringify(problem)}`).toContain(field);
    expect(typeof problem.field_errors?.[field]?.message).toBe('string');
  }
}
