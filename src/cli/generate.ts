/**
 * `cdktf-integrations generate [--elasticpath] [--sendcloud] [--out FILE] [--class NAME] [--cdktn | --cdktf]`
 * Lists what the Elastic Path store and the Sendcloud account hold (credentials from the
 * providers' ELASTICPATH_* and SENDCLOUD_* variables) and writes one TypeScript module that
 * imports all of it with zero changes. The module goes to FILE, or to stdout; the summary
 * goes to stderr. The imports follow the app's CDK library: --cdktn or --cdktf, else the
 * nearest package.json at or above the output's folder (cdktn without cdktf: CDK Terrain).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type CdkLibrary, GenerateOptionsError, type RenderedCode, detectCdkLibrary, generateIntegrationsCode } from '../generate';
import { parseCommandLine } from './command-line';

interface GenerateArguments {
  elasticpath?: boolean;
  sendcloud?: boolean;
  out?: string;
  className?: string;
  cdk?: CdkLibrary;
}

/** What `generate` parses: the table its parser reads and the docs tests check. */
export const GENERATE_OPTIONS = {
  elasticpath: { type: 'boolean' },
  sendcloud: { type: 'boolean' },
  out: { type: 'string' },
  class: { type: 'string' },
  cdktn: { type: 'boolean' },
  cdktf: { type: 'boolean' },
} as const;

export function parseGenerateArguments(argv: string[]): GenerateArguments {
  const unknown = (argument: string) => `unknown option ${argument}: use --elasticpath, --sendcloud, --out FILE, --class NAME, --cdktn, --cdktf`;
  let values;
  let given;
  try {
    ({ values, given } = parseCommandLine(argv, {
      options: GENERATE_OPTIONS,
      unknown,
      missingValue: (option) => `${option} needs a value`,
    }));
  } catch (error) {
    throw new GenerateOptionsError((error as Error).message);
  }
  const cdks = new Set(given.filter((option) => option.name === 'cdktn' || option.name === 'cdktf').map((option) => option.name as CdkLibrary));
  if (cdks.size > 1) throw new GenerateOptionsError('--cdktn and --cdktf exclude each other: give the one your app uses');
  return {
    ...(cdks.size === 1 ? { cdk: [...cdks][0] } : {}),
    ...(values.elasticpath ? { elasticpath: true } : {}),
    ...(values.sendcloud ? { sendcloud: true } : {}),
    ...(values.out === undefined ? {} : { out: values.out as string }),
    ...(values.class === undefined ? {} : { className: values.class as string }),
  };
}

export function summary(rendered: RenderedCode, out: string | undefined, cdk?: { cdk: CdkLibrary; why: string }): string {
  const lines = [`${out ? `wrote ${out}` : 'generated'}: class ${rendered.className}`];
  if (cdk) lines.push(`  imports from ${cdk.cdk} (${cdk.why})`);
  if (rendered.elasticpath) {
    const byType = Object.entries(rendered.elasticpath).map(([type, n]) => `${n} ${type}`);
    const total = Object.values(rendered.elasticpath).reduce((sum, n) => sum + n, 0);
    lines.push(`  Elastic Path: ${total} integrations (${byType.join(', ')})`);
  }
  if (rendered.sendcloud !== undefined) {
    const shops = rendered.sendcloudOrderStatuses;
    const extra = shops && shops.statuses > 0 ? ` (order statuses of ${shops.statuses}, status mapping of ${shops.mappings})` : '';
    lines.push(`  Sendcloud: ${rendered.sendcloud} integrations${extra}`);
  }
  for (const skipped of rendered.skipped) lines.push(`  left out: ${skipped}`);
  if (rendered.variables.length > 0) {
    lines.push(`  set before deploying (sensitive): ${rendered.variables.map((variable) => `TF_VAR_${variable.name}`).join(' ')}`);
  } else {
    lines.push('  no secrets to set');
  }
  return `${lines.join('\n')}\n`;
}

export const GENERATE_USAGE = [
  'usage: cdktf-integrations generate [--elasticpath] [--sendcloud] [--out FILE] [--class NAME] [--cdktn | --cdktf]',
  '',
  'Lists what the Elastic Path store and the Sendcloud account hold and writes one TypeScript module with a construct',
  'class that declares and imports each of them. Credentials come from the providers\' ELASTICPATH_* and SENDCLOUD_*',
  'environment variables (ELASTICPATH_STORE_ID selects the store).',
  '  --elasticpath   only Elastic Path (default: both vendors)',
  '  --sendcloud     only Sendcloud (default: both vendors)',
  '  --out FILE      write the module to FILE (default: stdout); the summary goes to stderr',
  '  --class NAME    the construct class name (default: ExistingIntegrations)',
  '  --cdktn         import from cdktn and cdktf-commerce-integrations/cdktn (a CDK Terrain app)',
  '  --cdktf         import from cdktf and cdktf-commerce-integrations',
  '                  (default: cdktn when the nearest package.json depends on cdktn and not cdktf, else cdktf)',
].join('\n');

export async function runGenerateCommand(argv: string[]): Promise<number> {
  try {
    const args = parseGenerateArguments(argv);
    const detected = args.cdk ? undefined : detectCdkLibrary(args.out ? path.dirname(path.resolve(args.out)) : process.cwd());
    const cdk = args.cdk ?? detected?.cdk ?? 'cdktf';
    const why = args.cdk ? `--${args.cdk}` : detected?.found ? `from ${detected.found}` : 'no package.json found: the default';
    const rendered = await generateIntegrationsCode({ elasticpath: args.elasticpath, sendcloud: args.sendcloud, className: args.className, cdk });
    if (args.out) {
      fs.mkdirSync(path.dirname(path.resolve(args.out)), { recursive: true });
      fs.writeFileSync(args.out, rendered.code);
    } else {
      process.stdout.write(rendered.code);
    }
    process.stderr.write(summary(rendered, args.out, { cdk, why }));
    return 0;
  } catch (error) {
    // The credentials come from the environment: an API's answer quoted in the message must not carry them.
    const { redactorForEnvironment } = require('../drift/redact') as typeof import('../drift/redact');
    process.stderr.write(redactorForEnvironment(process.env).redact(`cdktf-integrations generate: ${error instanceof Error ? error.message : String(error)}\n`));
    return 1;
  }
}
