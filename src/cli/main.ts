/**
 * `cdktf-integrations <command>`: the command-line entry. Each command lives in its own
 * module and is loaded only when it runs, so `provider install` does not pay for drift.
 */
import type { OptionSpec } from './command-line';

/** One form of a command (e.g. `drift` or `drift merge`) and the option table its parser reads. */
export interface CommandForm {
  form: string;
  options: Readonly<Record<string, OptionSpec>>;
}

interface Command {
  /** What the command does, printed under its synopsis in the top-level help. */
  description: string;
  /** The command's full usage for `<command> --help` and `help <command>`; its lines before the first blank one are its synopsis. */
  usage: () => string;
  /** Every form of the command with the options it parses (the tables the parsers read), for the docs tests. */
  forms: () => readonly CommandForm[];
  run(argv: string[]): Promise<number>;
}

export const COMMANDS: Record<string, Command> = {
  emulate: {
    description: 'run both API emulators until Ctrl-C',
    usage: () => require('./emulate').EMULATE_USAGE,
    forms: () => [{ form: 'emulate', options: require('./emulate').EMULATE_OPTIONS }],
    run: (argv) => require('./emulate').runEmulateCommand(argv),
  },
  provider: {
    description: 'lay out the Terraform providers for offline `terraform init`',
    usage: () => require('./provider-install').PROVIDER_USAGE,
    forms: () => [{ form: 'provider install', options: require('./provider-install').PROVIDER_INSTALL_OPTIONS }],
    run: (argv) => require('./provider-install').runProviderCommand(argv),
  },
  generate: {
    description: 'write CDKTF code that imports what the store and account hold',
    usage: () => require('./generate').GENERATE_USAGE,
    forms: () => [{ form: 'generate', options: require('./generate').GENERATE_OPTIONS }],
    run: (argv) => require('./generate').runGenerateCommand(argv),
  },
  drift: {
    description: 'compare remote objects with the code; `drift merge` combines the --json reports of a CI matrix into one report and exit code',
    usage: () => require('./drift').DRIFT_USAGE,
    forms: () => [
      { form: 'drift', options: require('./drift').DRIFT_OPTIONS },
      { form: 'drift merge', options: require('./drift-merge').MERGE_OPTIONS },
    ],
    run: (argv) => require('./drift').runDriftCommand(argv),
  },
};

/** A command's usage lines up to the first blank one, without "usage: cdktf-integrations ". */
export function synopsisOf(command: Command): string[] {
  const lines = command.usage().split('\n');
  const end = lines.indexOf('');
  return lines.slice(0, end < 0 ? lines.length : end).map((line) => line.replace(/^(?:usage: |\s+)cdktf-integrations /, '').replace(/^\s+/, '      '));
}

/** The top-level help: every command's synopsis (from its own usage, so every option shows) and what it does. */
export function usage(): string {
  return [
    'usage: cdktf-integrations <command>',
    '',
    ...Object.values(COMMANDS).flatMap((command) => [...synopsisOf(command).map((line) => `  ${line}`), `      ${command.description}`]),
    '',
    '`cdktf-integrations <command> --help` (or `help <command>`) shows one command in full.',
    'Without a command this help goes to stdout and the exit code is 1.',
    '',
  ].join('\n');
}

function commandUsage(command: Command): string {
  return `${command.usage()}\n`;
}

const HELP_FLAGS = ['--help', '-h'];

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === 'help' && rest[0] && COMMANDS[rest[0]]) {
    process.stdout.write(commandUsage(COMMANDS[rest[0]]));
    return 0;
  }
  if (!name || HELP_FLAGS.includes(name) || name === 'help') {
    process.stdout.write(usage());
    return name ? 0 : 1;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`unknown command "${name}"\n\n${usage()}`);
    return 1;
  }
  if (rest.some((argument) => HELP_FLAGS.includes(argument))) {
    process.stdout.write(commandUsage(command));
    return 0;
  }
  try {
    return await command.run(rest);
  } catch (error) {
    // Loaded only on this path; the providers' secret environment variables never reach the message.
    const { redactorForEnvironment } = require('../drift/redact') as typeof import('../drift/redact');
    process.stderr.write(redactorForEnvironment(process.env).redact(`cdktf-integrations ${name}: ${error instanceof Error ? error.message : String(error)}\n`));
    return 1;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
