/**
 * `cdktf-integrations <command>`: the command-line entry. Each command lives in its own
 * module and is loaded only when it runs, so `provider install` does not pay for drift.
 */
interface Command {
  summary: string;
  run(argv: string[]): Promise<number>;
}

const COMMANDS: Record<string, Command> = {
  emulate: {
    summary: 'emulate [--elasticpath-port N] [--sendcloud-port N] [--seed FILE] [--allow-external-delivery] [--delivery-time-scale X]   run both API emulators until Ctrl-C',
    run: (argv) => require('./emulate').runEmulateCommand(argv),
  },
  provider: {
    summary: 'provider install [--dir DIR]   lay out the Terraform providers for offline `terraform init`',
    run: (argv) => require('./provider-install').runProviderCommand(argv),
  },
  generate: {
    summary: 'generate [--elasticpath] [--sendcloud] [--out FILE] [--class NAME]   write CDKTF code that imports what the store and account hold',
    run: (argv) => require('./generate').runGenerateCommand(argv),
  },
  drift: {
    summary:
      'drift [--app-dir DIR] [--stack NAME ...] [--shard K/N] [--format text|json|markdown] [--json] [--reconcile] [--skip-synth] [--no-warm-providers] [--health [--since 24h] [--fail-on-unhealthy]]   compare remote objects with the code\n' +
      '  drift merge [--format text|json|markdown] FILE...   combine the --json reports of a CI matrix into one report and exit code',
    run: (argv) => require('./drift').runDriftCommand(argv),
  },
};

function usage(): string {
  return ['usage: cdktf-integrations <command>', '', ...Object.values(COMMANDS).map((c) => `  ${c.summary}`), ''].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage());
    return name ? 0 : 1;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`unknown command "${name}"\n\n${usage()}`);
    return 1;
  }
  try {
    return await command.run(rest);
  } catch (error) {
    process.stderr.write(`cdktf-integrations ${name}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
