/**
 * What `npm run demo` and `npm test` need on the machine, checked before either starts, so a
 * missing tool stops them at once with one message instead of failing step by step.
 * The README's "Prerequisites" section states the same facts for people.
 */
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { atLeast, chooseCdkCli } = require('./cdk-cli');

const ROOT = path.resolve(__dirname, '..');
/** The Node.js lines the package is tested on (package.json's engines says the same). */
const SUPPORTED_NODE_MAJORS = [20, 22, 24];
/** The demo and the test suite use write-only attributes, which came with Terraform 1.11. */
const TERRAFORM_MINIMUM = '1.11.0';
/** Where the pg backend suites look for PostgreSQL's server binaries. */
const POSTGRES_BIN_DIRS = ['/usr/lib/postgresql/15/bin', '/usr/local/bin', '/usr/bin'];
const POSTGRES_BINARIES = ['postgres', 'initdb', 'pg_ctl', 'psql'];

function checkNode(version = process.version) {
  const major = Number(version.replace(/^v/, '').split('.')[0]);
  return major >= SUPPORTED_NODE_MAJORS[0] ? [] : [`Node.js ${SUPPORTED_NODE_MAJORS.join(', ')} (this is ${version})`];
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

function postgresBinary(name) {
  return POSTGRES_BIN_DIRS.map((dir) => path.join(dir, name)).find((candidate) => fs.existsSync(candidate));
}

function checkPostgres() {
  const missing = POSTGRES_BINARIES.filter((name) => !postgresBinary(name));
  return missing.length === 0 ? [] : [`PostgreSQL 15 server binaries (${missing.join(', ')} not in ${POSTGRES_BIN_DIRS.join(', ')}; Debian: apt-get install postgresql)`];
}

function checkCdkCli() {
  try {
    chooseCdkCli(ROOT);
    return [];
  } catch (error) {
    return [error.message];
  }
}

function checkSpecs() {
  const specs = path.join(ROOT, '..', 'shared', 'specs');
  return fs.existsSync(specs) ? [] : [`the vendors' OpenAPI specs in ${specs} (the contract tests read them)`];
}

/** Everything missing for `what` ('demo' or 'tests'), as phrases naming the thing and the fix. */
function missingPrerequisites(what) {
  const checks = what === 'demo' ? [checkNode, checkTerraform, checkCdkCli] : [checkNode, checkTerraform, checkPostgres, checkCdkCli, checkSpecs];
  return checks.flatMap((check) => check());
}

/** Throws one error naming everything missing. */
function assertPrerequisites(what) {
  const missing = missingPrerequisites(what);
  if (missing.length > 0) {
    const title = what === 'demo' ? 'npm run demo' : 'the test suite';
    throw new Error(`${title} cannot run, missing:${missing.map((item) => `\n  - ${item}`).join('')}\nSee "Prerequisites" in README.md.`);
  }
}

module.exports = {
  assertPrerequisites,
  missingPrerequisites,
  postgresBinary,
  terraformVersion,
  POSTGRES_BIN_DIRS,
  SUPPORTED_NODE_MAJORS,
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
