/**
 * `cdktf-integrations <command>`: the command-line entry. Each command lives in its own
 * module and is loaded only when it runs, so `provider install` does not pay for drift.
 */
interface Command {
  summary: string;
  /** The command's full usage, for `<command> --help` and `help <command>`; defaults to the summary. */
  usage?: () => string;
  run(argv: string[]): Promise<number>;
}

const COMMANDS: Record<string, Command> = {
  emulate: {
    summary: 'emulate [--elasticpath-port N] [--sendcloud-port N] [--seed FILE] [--allow-external-delivery] [--delivery-time-scale X]   run both API emulators until Ctrl-C',
    usage: () => require('./emulate').EMULATE_USAGE,
    run: (argv) => require('./emulate').runEmulateCommand(argv),
  },
  provider: {
    summary: 'provider install [--dir DIR] [--source ADDRESS]   lay out the Terraform providers for offline `terraform init`',
    usage: () => require('./provider-install').PROVIDER_USAGE,
    run: (argv) => require('./provider-install').runProviderCommand(argv),
  },
  generate: {
    summary: 'generate [--elasticpath] [--sendcloud] [--out FILE] [--class NAME]   write CDKTF code that imports what the store and account hold',
    usage: () => require('./generate').GENERATE_USAGE,
    run: (argv) => require('./generate').runGenerateCommand(argv),
  },
  drift: {
    summary:
      'drift [--app-dir DIR] [--stack NAME ...] [--shard K/N] [--format text|json|markdown] [--reconcile] [--health] ...   compare remote objects with the code\n' +
      '  drift merge [--format text|json|markdown] FILE...   combine the --json reports of a CI matrix into one report and exit code',
    usage: () => require('./drift').DRIFT_USAGE,
    run: (argv) => require('./drift').runDriftCommand(argv),
  },
};

function usage(): string {
  return [
    'usage: cdktf-integrations <command>',
    '',
    ...Object.values(COMMANDS).map((c) => `  ${c.summary}`),
    '',
    '`cdktf-integrations <command> --help` (or `help <command>`) shows one command in full.',
    '',
  ].join('\n');
}

function commandUsage(command: Command): string {
  return `${command.usage?.() ?? `usage: cdktf-integrations ${command.summary}`}\n`;
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
