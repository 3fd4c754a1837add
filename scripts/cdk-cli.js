/**
 * Which CDK command line deploys an app on this Node: cdktf-cli or cdktn-cli. Both read
 * cdktf.json, write cdktf.out and deploy apps written with either library.
 *
 * cdktf-cli 0.21 (the last release) loads a native module, node-pty, that ships builds up to
 * Node 22's ABI; on Node 24 npm compiles it from source, against whatever headers npm's
 * `nodedir` names, and `cdktf deploy` then crashes. cdktn-cli 0.24 has no native module but
 * needs Node 22.19 or later. So: cdktf-cli where it loads, cdktn-cli otherwise.
 */
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const CDKTN_CLI_MINIMUM_NODE = '22.19.0';

/** Whether version a.b.c is at least the minimum. */
function atLeast(version, minimum) {
  const have = version.replace(/^v/, '').split('.').map(Number);
  const need = minimum.split('.').map(Number);
  for (let i = 0; i < need.length; i += 1) {
    if ((have[i] || 0) !== need[i]) return (have[i] || 0) > need[i];
  }
  return true;
}

/** Whether cdktf-cli's native module loads in a fresh Node of this version (a child, so a crash stays there). */
function cdktfCliLoads(projectDir, nodeBinary = process.execPath) {
  const probe = "require(require.resolve('@cdktf/node-pty-prebuilt-multiarch', { paths: [require('path').dirname(require.resolve('@cdktf/cli-core/package.json', { paths: [require('path').dirname(require.resolve('cdktf-cli/package.json'))] }))] }))";
  return spawnSync(nodeBinary, ['-e', probe], { cwd: projectDir, stdio: 'ignore', timeout: 30_000 }).status === 0;
}

/**
 * The CLI to run for the app whose node_modules are in projectDir:
 * { name: 'cdktf' | 'cdktn', bin, why }. Throws, naming what is missing, when neither can run.
 */
function chooseCdkCli(projectDir, nodeVersion = process.version) {
  const binOf = (name) => path.join(projectDir, 'node_modules', '.bin', name);
  const hasCdktf = fs.existsSync(binOf('cdktf'));
  const hasCdktn = fs.existsSync(binOf('cdktn'));
  if (hasCdktf && cdktfCliLoads(projectDir)) return { name: 'cdktf', bin: binOf('cdktf'), why: `cdktf-cli loads on Node ${nodeVersion}` };
  const cdktnRuns = atLeast(nodeVersion, CDKTN_CLI_MINIMUM_NODE);
  if (hasCdktn && cdktnRuns) {
    return {
      name: 'cdktn',
      bin: binOf('cdktn'),
      why: hasCdktf ? `cdktf-cli's native module (node-pty) does not load on Node ${nodeVersion}` : 'cdktf-cli is not installed',
    };
  }
  const problems = [];
  problems.push(hasCdktf ? `cdktf-cli is installed but its native module (node-pty) does not load on Node ${nodeVersion}` : 'cdktf-cli is not installed');
  problems.push(hasCdktn ? `cdktn-cli needs Node ${CDKTN_CLI_MINIMUM_NODE} or later (this is ${nodeVersion})` : 'cdktn-cli is not installed');
  throw new Error(`no CDK command line can run here: ${problems.join('; ')}. Use Node 20 or 22 with cdktf-cli, or Node 22.19+ / 24 with cdktn-cli (npm ci installs both).`);
}

module.exports = { chooseCdkCli, cdktfCliLoads, atLeast, CDKTN_CLI_MINIMUM_NODE };
