import type { CliIo } from './io.ts';
import type { Output } from './output/output.ts';

/** One option of a command, as `util.parseArgs` takes it, plus what `--help` says about it. */
export interface OptionSpec {
  type: 'string' | 'boolean';
  multiple?: boolean;
  short?: string;
  /** The value's placeholder in the help (`DATE`, `FILE`). */
  value?: string;
  description: string;
}

export type OptionValues = Record<string, string | boolean | string[] | undefined>;

export interface CommandContext {
  io: CliIo;
  values: OptionValues;
  positionals: string[];
  output: Output;
}

export interface Command {
  name: string;
  /** One line for the command list. */
  summary: string;
  /** The synopsis after `pjcollector`, e.g. `report [--from DATE] [--to DATE]`. */
  synopsis: string;
  /** Paragraphs after the synopsis: what it does, where the settings come from. */
  description: string;
  options: Record<string, OptionSpec>;
  /** Whether positional arguments (verbs, ids) are taken. */
  positionals?: boolean;
  run(context: CommandContext): Promise<number>;
}

/** A string option's value, or undefined. */
export function stringOption(values: OptionValues, name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
}

export function listOption(values: OptionValues, name: string): string[] {
  const value = values[name];
  return Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
}

export function flag(values: OptionValues, name: string): boolean {
  return values[name] === true;
}
