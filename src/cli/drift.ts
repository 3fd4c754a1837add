/**
 * `cdktf-integrations drift [--app-dir DIR] [--stack NAME ...] [--json] [--reconcile] [--skip-synth] [--no-warm-providers]
 *   [--health [--since 24h] [--fail-on-unhealthy]]`
 * The providers are started once per stack and handed to Terraform (TF_REATTACH_PROVIDERS)
 * instead of being launched for every terraform command; --no-warm-providers turns that off.
 * Exit codes for pipelines: 0 in sync, 2 drift found, 1 error. With --reconcile the code
 * tells the state after repair: 0 when every stack now plans clean, 2 when drift remains;
 * the report still lists what was found and repaired.
 * --health adds each declared Elastic Path integration's delivery health since --since
 * (default 24h), apart from drift; with --fail-on-unhealthy a failed delivery also exits 2.
 */
import { detectDrift } from '../drift/detect';
import { formatJson, formatText } from '../drift/report';
import { parseSince } from '../api/since';
import type { HealthReport } from '../drift/health';

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
  health: boolean;
  since?: string;
  failOnUnhealthy: boolean;
}

export function parseDriftArguments(argv: string[]): DriftArguments {
  const parsed: DriftArguments = { stacks: [], json: false, reconcile: false, skipSynth: false, warmProviders: true, health: false, failOnUnhealthy: false };
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
    else if (argument === '--health') parsed.health = true;
    else if (argument === '--since') parsed.since = value();
    else if (argument === '--fail-on-unhealthy') parsed.failOnUnhealthy = true;
    else throw new Error(`unknown option ${argument}: use --app-dir DIR, --stack NAME, --json, --reconcile, --skip-synth, --no-warm-providers, --health, --since DURATION, --fail-on-unhealthy`);
  }
  if (!parsed.health && (parsed.since !== undefined || parsed.failOnUnhealthy)) {
    throw new Error('--since and --fail-on-unhealthy belong to --health: add --health');
  }
  if (parsed.since !== undefined && typeof parseSince(parsed.since, 0) === 'string') throw new Error(`--since ${parseSince(parsed.since, 0)}`);
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
  const interactive = process.stderr.isTTY === true;
  try {
    const report = await detectDrift({
      appDir: args.appDir,
      stacks: args.stacks,
      reconcile: args.reconcile,
      skipSynth: args.skipSynth,
      warmProviders: args.warmProviders,
      onProgress: (event) => {
        if (event.phase === 'done') return;
        process.stderr.write(`${event.stack ? `[${event.stack}] ` : ''}${event.phase}…\n`);
      },
    });
    let health: HealthReport | undefined;
    if (args.health) {
      process.stderr.write('health…\n');
      const { collectHealth } = require('../drift/health') as typeof import('../drift/health');
      health = await collectHealth({ appDir: args.appDir, stacks: args.stacks, sinceMs: parseSince(args.since ?? '24h', Date.now()) as number });
    }
    process.stdout.write(args.json ? `${formatJson(report, health)}\n` : formatText(report, { colour: process.stdout.isTTY === true && interactive, health }));
    const settled = report.stacks.every((stack) => stack.resources.length === 0 || stack.reconciliation?.verifiedClean === true);
    const unhealthy = args.failOnUnhealthy && health?.healthy === false;
    return (args.reconcile ? settled : report.inSync) && !unhealthy ? EXIT_IN_SYNC : EXIT_DRIFT;
  } catch (error) {
    process.stderr.write(`cdktf-integrations drift: ${(error as Error).message}\n`);
    return EXIT_ERROR;
  }
}
