import { type ParseArgsConfig, parseArgs } from 'node:util';
import type { Command, OptionSpec, OptionValues } from './command.ts';
import { backfillCommand } from './commands/backfill.ts';
import { deadLettersCommand } from './commands/dead-letters.ts';
import { doctorCommand } from './commands/doctor.ts';
import { exportCommand } from './commands/export.ts';
import { reconcileCommand } from './commands/reconcile.ts';
import { reportCommand } from './commands/report.ts';
import { describeFailure, EXIT, UsageError } from './errors.ts';
import type { CliIo } from './io.ts';
import { COMMON_OPTIONS } from './options.ts';
import { Output } from './output/output.ts';

export const COMMANDS: readonly Command[] = [
  doctorCommand,
  reportCommand,
  exportCommand,
  reconcileCommand,
  backfillCommand,
  deadLettersCommand,
];

function cliHelp(): string {
  const width = Math.max(...COMMANDS.map((command) => command.name.length));
  return `usage: pjcollector <command> [options]

Operates a pjcollector deployment and reads the shop's numbers at Prisjakt.

commands:
${COMMANDS.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`).join('\n')}

Run pjcollector <command> --help for its options. Every command takes --json.
Settings come from flags or the environment: PRISJAKT_API_URL, PRISJAKT_CLIENT_ID,
PRISJAKT_CLIENT_SECRET, PRISJAKT_PIXEL_ID (reading the API); PJCOLLECTOR_URL,
PJCOLLECTOR_ADMIN_TOKEN (the collector). Secrets are never printed.
Exit codes: 0 all good, 1 problems found, 2 usage or connection error.
`;
}

function optionLine(name: string, spec: OptionSpec): string {
  const short = spec.short ? `-${spec.short}, ` : '';
  const value = spec.type === 'string' ? ` ${spec.value ?? 'VALUE'}` : '';
  return `  ${`${short}--${name}${value}`.padEnd(26)} ${spec.description}`;
}

const HELP_WIDTH = 90;

/** Text broken into lines of at most HELP_WIDTH characters, at spaces. */
function wrap(text: string): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line !== '' && line.length + 1 + word.length > HELP_WIDTH) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(line);
  return lines.join('\n');
}

export function commandHelp(command: Command): string {
  const options = { ...command.options, ...COMMON_OPTIONS };
  return `usage: pjcollector ${command.synopsis}

${wrap(command.description)}

options:
${Object.entries(options)
  .map(([name, spec]) => optionLine(name, spec))
  .join('\n')}
`;
}

function parseOptions(command: Command, args: string[]) {
  const options: ParseArgsConfig['options'] = {};
  for (const [name, spec] of Object.entries({ ...command.options, ...COMMON_OPTIONS })) {
    options[name] = {
      type: spec.type,
      ...(spec.short ? { short: spec.short } : {}),
      ...(spec.multiple ? { multiple: true } : {}),
    };
  }
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    // parseArgs names the unknown option or the missing value; it never echoes other values.
    throw new UsageError(`${(error as Error).message}\nrun pjcollector ${command.name} --help`);
  }
}

/**
 * Runs `pjcollector <command> …` and resolves with the exit code. Nothing here exits the process
 * or touches it directly: the bin does, so tests run the CLI in-process.
 *
 * @example process.exitCode = await runCli(process.argv.slice(2), nodeIo())
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const output = new Output(io.stdout, io.stderr);
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    output.write(cliHelp());
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  if (name === '--version') {
    output.write('pjcollector\n');
    return EXIT.ok;
  }
  const command = COMMANDS.find((candidate) => candidate.name === name);
  if (command === undefined) {
    output.note(`unknown command ${JSON.stringify(name.slice(0, 40))}\n`);
    output.write(cliHelp());
    return EXIT.usage;
  }
  try {
    const { values, positionals } = parseOptions(command, args);
    if (values.help === true) {
      output.write(commandHelp(command));
      return EXIT.ok;
    }
    if (!command.positionals && positionals.length > 0) {
      throw new UsageError(
        `${command.name} takes no arguments, got ${JSON.stringify(positionals[0]?.slice(0, 40))}`,
      );
    }
    return await command.run({ io, values: values as OptionValues, positionals, output });
  } catch (error) {
    output.done();
    output.note(`pjcollector ${command.name}: ${describeFailure(error)}`);
    return EXIT.usage;
  }
}
