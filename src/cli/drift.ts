/**
 * `cdktf-integrations drift [--app-dir DIR] [--stack NAME ...] [--shard K/N] [--json] [--reconcile] [--skip-synth] [--no-warm-providers]`
 * `cdktf-integrations drift merge FILE...` (see ./drift-merge.ts)
 * The providers are started once per stack and handed to Terraform (TF_REATTACH_PROVIDERS)
 * instead of being launched for every terraform command; --no-warm-providers turns that off.
 * Exit codes for pipelines: 0 in sync, 2 drift found, 1 error. With --reconcile the code
 * tells the state after repair: 0 when every stack now plans clean, 2 when drift remains;
 * the report still lists what was found and repaired. With --shard K/N only the stacks of
 * that shard are planned (src/drift/shard.ts); with --json a failed run still writes a JSON
 * object (holding `error`), so `drift merge` can tell a failed shard from a missing one.
 */
import { detectDrift } from '../drift/detect';
import { EXIT_DRIFT, EXIT_ERROR, EXIT_IN_SYNC } from '../drift/merge';
import { formatJson, formatText } from '../drift/report';
import { type Shard, parseShard } from '../drift/shard';

export { EXIT_DRIFT, EXIT_ERROR, EXIT_IN_SYNC };

interface DriftArguments {
  appDir?: string;
  stacks: string[];
  json: boolean;
  reconcile: boolean;
  skipSynth: boolean;
  warmProviders: boolean;
  shard?: Shard;
}

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
    else if (argument === '--shard') parsed.shard = parseShard(value());
    else throw new Error(`unknown option ${argument}: use --app-dir DIR, --stack NAME, --shard K/N, --json, --reconcile, --skip-synth, --no-warm-providers`);
  }
  return parsed;
}

export async function runDriftCommand(argv: string[]): Promise<number> {
  if (argv[0] === 'merge') return require('./drift-merge').runDriftMergeCommand(argv.slice(1));
  let args: DriftArguments;
  try {
    args = parseDriftArguments(argv);
  } catch (error) {
    process.stderr.write(`cdktf-integrations drift: ${(error as Error).message}\n`);
    return EXIT_ERROR;
  }
  const interactive = process.stderr.isTTY === true;
  try {
    const report = await detectDrift({
      appDir: args.appDir,
      stacks: args.stacks,
      reconcile: args.reconcile,
      skipSynth: args.skipSynth,
      warmProviders: args.warmProviders,
      shard: args.shard,
      onProgress: (event) => {
        if (event.phase === 'done' && !event.stack) return;
        process.stderr.write(`${event.stack ? `[${event.stack}] ` : ''}${event.phase}…\n`);
      },
    });
    process.stdout.write(args.json ? `${formatJson(report)}\n` : formatText(report, { colour: process.stdout.isTTY === true && interactive }));
    const settled = report.stacks.every((stack) => stack.resources.length === 0 || stack.reconciliation?.verifiedClean === true);
    return (args.reconcile ? settled : report.inSync) ? EXIT_IN_SYNC : EXIT_DRIFT;
  } catch (error) {
    process.stderr.write(`cdktf-integrations drift: ${(error as Error).message}\n`);
    if (args.json) process.stdout.write(`${JSON.stringify({ inSync: false, stacks: [], error: (error as Error).message, ...(args.shard ? { shard: args.shard } : {}) })}\n`);
    return EXIT_ERROR;
  }
}
