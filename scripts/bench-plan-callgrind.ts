/**
 * Instructions of a cold no-op plan of 100 `elasticpath_integration`s, per provider launch
 * (`node scripts/run-ts.js scripts/bench-plan-callgrind.ts BUNDLE...`): one workspace of 100
 * applied integrations against an Elastic Path emulator, then for each bundle (each twice, in
 * turn) a plan with the mirror's `node` link pointed at valgrind's callgrind. The bundle is copied
 * into one place, so the launcher and Terraform's lock file stay the same. The run host is off
 * (COMMERCE_IAC_RUN_HOST=off): a process per launch, each writing its counts as it exits.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { installProviders } from '../src/providers/install';
import { Workspace, integrationsConfig, startPerfEmulator } from './bench-harness';
(async () => {
  const bundles = process.argv.slice(2);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'planbench-'));
  const bundle = path.join(root, 'provider.js');
  fs.copyFileSync(bundles[0], bundle);
  const perf = await startPerfEmulator();
  const mirror = installProviders({ dir: path.join(root, 'install'), bundle });
  const ws = new Workspace({ ...perf.env, TF_CLI_CONFIG_FILE: mirror.cliConfigFile, ELASTICPATH_MAX_REQUESTS_PER_SECOND: '1000' }, integrationsConfig(100));
  await ws.init();
  await ws.run(['apply', '-auto-approve', '-input=false', '-no-color']);
  const nodeLink = path.join(root, 'install', 'node');
  const real = fs.readlinkSync(nodeLink);
  for (const [index, candidate] of [...bundles, ...bundles].entries()) {
    fs.copyFileSync(candidate, bundle);
    const out = path.join(root, `cg-${index}`);
    fs.mkdirSync(out);
    fs.rmSync(nodeLink);
    fs.writeFileSync(nodeLink, `#!/bin/sh\nexec valgrind -q --tool=callgrind --smc-check=all-non-file --dump-instr=no --callgrind-out-file=${out}/cg.%p ${real} "$@"\n`, { mode: 0o755 });
    const started = Date.now();
    const plan = await ws.run(['plan', '-input=false', '-no-color', '-detailed-exitcode'], { COMMERCE_IAC_RUN_HOST: 'off' }, [0, 2]);
    if (!plan.stdout.includes('No changes')) throw new Error(plan.stdout);
    // The run host ends a moment after its terraform; callgrind writes its counts as it exits.
    for (let waited = 0; waited < 120; waited += 1) {
      const alive = require('node:child_process').spawnSync('pgrep', ['-f', out]).stdout.toString().trim();
      if (!alive) break;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    let total = 0;
    const parts: string[] = [];
    for (const file of fs.readdirSync(out)) {
      const text = fs.readFileSync(path.join(out, file), 'utf8');
      const match = /^(?:summary|totals): (\d+)/m.exec(text);
      if (match) { total += Number(match[1]); parts.push(`${(Number(match[1]) / 1e6).toFixed(0)}M`); }
    }
    console.log(`${path.basename(path.dirname(candidate))}: ${(total / 1e6).toFixed(0)} M instructions over ${parts.length} processes [${parts.join(', ')}], ${Date.now() - started} ms under valgrind`);
  }
  await perf.close();
})().catch((error) => { console.error(error); process.exit(1); });
