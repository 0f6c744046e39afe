export type CheckStatus = 'pass' | 'warn' | 'fail';

/** One finding of `doctor`: what was checked, how it went, and the fix in one line. */
export interface Check {
  name: string;
  status: CheckStatus;
  detail: string;
  /** What to do about a warn or a fail. */
  fix?: string;
}

export const pass = (name: string, detail: string): Check => ({ name, status: 'pass', detail });
export const warn = (name: string, detail: string, fix: string): Check => ({
  name,
  status: 'warn',
  detail,
  fix,
});
export const fail = (name: string, detail: string, fix: string): Check => ({
  name,
  status: 'fail',
  detail,
  fix,
});
