/**
 * `npm run demo`: deploys examples/quickstart to the built-in emulators with the real
 * `cdktf deploy` (or `cdktn deploy` on a Node where cdktf-cli cannot load), shows that a
 * second plan is clean, changes one integration out of band and creates another by hand, and
 * shows the drift being found and reconciled while the hand-made integration is reported as
 * unmanaged, not pruned (the quickstart's exclusive management is report only). Nothing
 * leaves 127.0.0.1.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { assertMirrorSupported, installProviders } from '../src/providers/install';
import { detectDrift } from '../src/drift/detect';
import { formatMarkdown, formatText } from '../src/drift/report';
import { terraform } from '../src/drift/terraform';
import { type ElasticPathAdmin, providerEnvironment, startEmulators } from '../src/emulators';
import { startWarmProviders } from '../src/providers/warm';
import { startReceiver } from '../examples/receiver/server';

const ROOT = path.resolve(__dirname, '..');
const APP_DIR = path.join(ROOT, 'examples', 'quickstart');
const STACK = 'quickstart';
const STACK_DIR = path.join(APP_DIR, 'cdktf.out', 'stacks', STACK);

const step = (text: string) => process.stdout.write(`\n▶ ${text}\n`);
const say = (text: string) => process.stdout.write(`  ${text}\n`);

async function main(): Promise<void> {
  const started = Date.now();
  // The demo's providers come from the npm package's local mirror, which Windows cannot run: say so before building anything.
  assertMirrorSupported();
  require('./prerequisites.js').assertPrerequisites('demo');
  const cli = require('./cdk-cli.js').chooseCdkCli(ROOT) as { name: string; bin: string; why: string };
  step('Building the providers and starting the emulators on 127.0.0.1');
  await require('./build.js').build();
  const emulators = await startEmulators();
  say(`Elastic Path emulator ${emulators.elasticpath.url}, Sendcloud emulator ${emulators.sendcloud.url}`);

  const installed = installProviders({ dir: path.join(os.tmpdir(), 'cdktf-integrations-demo-providers') });
  say(`providers installed offline: TF_CLI_CONFIG_FILE=${installed.cliConfigFile}`);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    CHECKPOINT_DISABLE: '1',
    TF_CLI_CONFIG_FILE: installed.cliConfigFile,
    // cdktf shares one plugin cache (~/.terraform.d/plugin-cache) keyed by version only; a mirror's
    // launchers differ per install folder, so another install's 0.1.0 there broke this lock file.
    CDKTF_DISABLE_PLUGIN_CACHE_ENV: '1',
    ...providerEnvironment(emulators),
  };
  // The emulators start empty each run, so the demo's state must too; and its lock file, whose
  // checksums belong to the provider launchers of an earlier install.
  for (const file of fs.readdirSync(APP_DIR).filter((name) => name.startsWith('terraform.') && name.includes('tfstate'))) {
    fs.rmSync(path.join(APP_DIR, file));
  }
  fs.rmSync(path.join(STACK_DIR, '.terraform.lock.hcl'), { force: true });

  try {
    step(`${cli.name} deploy --auto-approve (examples/quickstart; ${cli.why})`);
    const deploy = await run(cli.bin, ['deploy', '--auto-approve', '--skip-provider-lock', '--outputs-file-include-sensitive-outputs=false'], APP_DIR, env);
    const summary = deploy.match(/Apply complete! Resources: [^\n]*/);
    say(summary ? summary[0] : 'deploy finished');
    const remote = await emulators.elasticpath.admin.integrations();
    for (const integration of remote) say(`Elastic Path: ${integration.integration_type.padEnd(8)} ${integration.name}`);

    step('A second plan has no changes');
    const plan = await terraform(['plan', '-detailed-exitcode', '-no-color', '-input=false'], { cwd: STACK_DIR, env, okCodes: [2] });
    say(plan.code === 0 ? 'terraform plan: no changes (exit 0)' : `terraform plan wants changes (exit ${plan.code})`);
    if (plan.code !== 0) throw new Error(`expected a clean plan after deploy:\n${plan.stdout}`);

    const webhook = remote.find((integration) => integration.integration_type === 'webhook')!;
    step(`Someone changes "${webhook.name}" in the dashboard (PATCH /__admin/integrations/${webhook.id})`);
    await emulators.elasticpath.admin.patchIntegration(webhook.id, {
      configuration: { url: 'https://changed-by-hand.example.com/hook' },
      observes: ['order.paid'],
    });
    say('url -> https://changed-by-hand.example.com/hook, observes -> [order.paid]');

    step('Someone adds an integration by hand that no code declares (POST /__admin/integrations)');
    const handMade = (await emulators.elasticpath.admin.seed({
      name: 'Hand-made test hook',
      integration_type: 'webhook',
      enabled: true,
      observes: ['order.created'],
      configuration: { url: 'https://requestbin.example.net/test', secret_key: 'hand-made-demo-secret' },
    })) as { id: string; name: string };
    say(`"${handMade.name}" (${handMade.id}) -> https://requestbin.example.net/test`);

    const warm = await startWarmProviders({ env });
    try {
      const driftEnv = { ...env, ...warm.env };
      step('cdktf-integrations drift');
      const found = await detectDrift({ appDir: APP_DIR, env: driftEnv });
      process.stdout.write(indent(formatText(found)));
      if (found.inSync) throw new Error('the out-of-band change was not detected');

      step('cdktf-integrations drift --reconcile');
      const reconciled = await detectDrift({ appDir: APP_DIR, env: driftEnv, reconcile: true, skipSynth: true });
      process.stdout.write(indent(formatText(reconciled)));

      const stillThere = (await emulators.elasticpath.admin.integrations()).some((i) => i.id === handMade.id);
      say(stillThere ? `"${handMade.name}" is still there: prune is off, so reconcile only reports it` : `"${handMade.name}" was deleted`);
      if (!stillThere) throw new Error('reconcile pruned although the quickstart says prune: false');

      step('cdktf-integrations drift --format markdown (what a CI job writes to $GITHUB_STEP_SUMMARY)');
      const reported = await detectDrift({ appDir: APP_DIR, env: driftEnv, skipSynth: true });
      process.stdout.write(indent(formatMarkdown(reported)));
      const onlyUnmanaged = reported.stacks.every((stack) => stack.resources.every((resource) => resource.kind === 'unmanaged'));
      if (reported.inSync || !onlyUnmanaged) throw new Error('expected only the hand-made integration to be reported');

      step(`The team deletes "${handMade.name}" in Commerce Manager (DELETE /__admin/integrations/${handMade.id})`);
      await emulators.elasticpath.admin.deleteIntegration(handMade.id);

      step('cdktf-integrations drift (again)');
      const after = await detectDrift({ appDir: APP_DIR, env: driftEnv, skipSynth: true });
      process.stdout.write(indent(formatText(after)));
      if (!after.inSync) throw new Error('drift remains after reconcile');
    } finally {
      await warm.close();
    }
    await showEventDelivery(emulators.elasticpath.admin);
  } finally {
    await emulators.close();
  }
  step(`Done in ${((Date.now() - started) / 1000).toFixed(1)} s; emulators stopped.`);
}

/** Fires order.paid at a receiver on 127.0.0.1 (examples/receiver) and shows it arrive. */
async function showEventDelivery(admin: ElasticPathAdmin): Promise<void> {
  step('An event reaches a local receiver (examples/receiver)');
  const secret = 'demo-receiver-secret';
  const arrived: string[] = [];
  const receiver = await startReceiver({
    elasticPathSecret: secret,
    onElasticPathEvent: (event) => arrived.push(`${event.triggered_by} for order ${(event.payload as { data?: { id?: string } }).data?.id} (attempt ${event.attempt}), secret verified`),
  });
  try {
    await admin.seed({
      name: 'Demo receiver',
      enabled: true,
      integration_type: 'webhook',
      observes: ['order.paid'],
      configuration: { url: `${receiver.url}/elasticpath`, secret_key: secret },
    });
    say(`POST /__admin/events {"event":"order.paid"} -> webhook ${receiver.url}/elasticpath`);
    await admin.events('order.paid', { wait: true });
    if (arrived.length === 0) throw new Error('the receiver got no event');
    for (const line of arrived) say(`receiver got ${line}`);
  } finally {
    await receiver.close();
  }
}

function indent(text: string): string {
  return text.replace(/^(?=.)/gm, '  ');
}

/** Runs a command, keeping its (long) output for when it fails. */
function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: { ...env, CI: '1', FORCE_COLOR: '0' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(output) : reject(new Error(`${path.basename(command)} ${args.join(' ')} failed (exit ${code}):\n${output}`))));
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`\ndemo failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
