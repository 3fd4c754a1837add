/**
 * `cdktf-integrations drift [--app-dir DIR] [--stack NAME ...] [--json] [--reconcile] [--skip-synth] [--no-warm-providers]`
 * The providers are started once per stack and handed to Terraform (TF_REATTACH_PROVIDERS)
 * instead of being launched for every terraform command; --no-warm-providers turns that off.
 * Exit codes for pipelines: 0 in sync, 2 drift found, 1 error. With --reconcile the code
 * tells the state after repair: 0 when every stack now plans clean, 2 when drift remains;
 * the report still lists what was found and repaired.
 */
import { detectDrift } from '../drift/detect';
import { formatJson, formatText } from '../drift/report';

export const EXIT_IN_SYNC = 0;
export const EXIT_ERROR = 1;
export const EXIT_DRIFT = 2;

interface DriftArguments {
  appDir?: string;
  stacks: string[];
  json: boolean;
  reconcile: boolean;
  skipSynth: boolean;
  warmProviders: boolean;
  /** Terraform or OpenTofu: the executable to run. @default "terraform" on the PATH */
  terraformBinary?: string;
  help?: boolean;
}

export const DRIFT_USAGE = [
  'usage: cdktf-integrations drift [--app-dir DIR] [--stack NAME ...] [--json] [--reconcile] [--skip-synth] [--no-warm-providers] [--terraform-binary PATH]',
  '',
  'Synthesizes the CDKTF app, lets Terraform refresh and plan each stack, and reports per resource what differs.',
  'Exit codes: 0 in sync, 2 drift found, 1 error.',
  '  --app-dir DIR            the app folder holding cdktf.json (default: the current folder)',
  '  --stack NAME             only this stack (repeatable)',
  '  --json                   one JSON object on stdout',
  '  --reconcile              apply the plan that restores the declared state, then verify a new plan is clean',
  '  --skip-synth             use the existing cdktf.out',
  '  --no-warm-providers      let terraform launch the providers for each command',
  '  --terraform-binary PATH  the terraform (or OpenTofu `tofu`) executable (default: terraform on the PATH)',
].join('\n');

export function parseDriftArguments(argv: string[]): DriftArguments {
  const parsed: DriftArguments = { stacks: [], json: false, reconcile: false, skipSynth: false, warmProviders: true };
  for (let i = 0; i < argv.length; i++) {
    const argument = argv[i];
    const value = () => {
      const next = argv[++i];
      if (next === undefined || next.startsWith('--')) throw new Error(`${argument} needs a value`);
      return next;
    };
    if (argument === '--app-dir') parsed.appDir = value();
    else if (argument === '--stack') parsed.stacks.push(value());
    else if (argument === '--json') parsed.json = true;
    else if (argument === '--reconcile') parsed.reconcile = true;
    else if (argument === '--skip-synth') parsed.skipSynth = true;
    else if (argument === '--no-warm-providers') parsed.warmProviders = false;
    else if (argument === '--terraform-binary') parsed.terraformBinary = value();
    else if (argument === '--help' || argument === '-h') parsed.help = true;
    else throw new Error(`unknown option ${argument}: use --app-dir DIR, --stack NAME, --json, --reconcile, --skip-synth, --no-warm-providers, --terraform-binary PATH`);
  }
  return parsed;
}

export async function runDriftCommand(argv: string[]): Promise<number> {
  let args: DriftArguments;
  try {
    args = parseDriftArguments(argv);
  } catch (error) {
    process.stderr.write(`cdktf-integrations drift: ${(error as Error).message}\n`);
    return EXIT_ERROR;
  }
  if (args.help) {
    process.stdout.write(`${DRIFT_USAGE}\n`);
    return EXIT_IN_SYNC;
  }
  const interactive = process.stderr.isTTY === true;
  try {
    const report = await detectDrift({
      appDir: args.appDir,
      stacks: args.stacks,
      reconcile: args.reconcile,
      skipSynth: args.skipSynth,
      warmProviders: args.warmProviders,
      terraformBinary: args.terraformBinary,
      onProgress: (event) => {
        if (event.phase === 'done') return;
        process.stderr.write(`${event.stack ? `[${event.stack}] ` : ''}${event.phase}…\n`);
      },
    });
    process.stdout.write(args.json ? `${formatJson(report)}\n` : formatText(report, { colour: process.stdout.isTTY === true && interactive }));
    const settled = report.stacks.every((stack) => stack.resources.length === 0 || stack.reconciliation?.verifiedClean === true);
    return (args.reconcile ? settled : report.inSync) ? EXIT_IN_SYNC : EXIT_DRIFT;
  } catch (error) {
    process.stderr.write(`cdktf-integrations drift: ${(error as Error).message}\n`);
    return EXIT_ERROR;
  }
}
