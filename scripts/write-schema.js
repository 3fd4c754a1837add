#!/usr/bin/env node
/**
 * `npm run schema`: writes provider/schema.json from the built providers themselves:
 * installs them into a temporary offline mirror, runs `terraform init` and
 * `terraform providers schema -json`, and stores the result with sorted keys. The
 * CDKTF bindings (`npm run generate`) are generated from that file, so what users
 * write in TypeScript is exactly what the providers answer in GetProviderSchema.
 *
 * Usage: node scripts/write-schema.js [--out FILE]
 */
'use strict';

const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');

function sortKeys(value) {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((key) => [key, sortKeys(value[key])]));
  }
  return value;
}

/** Returns the schema JSON text (sorted keys, two-space indent, trailing newline). */
async function readProviderSchema() {
  await require('./build.js').build();
  const { version } = require(path.join(ROOT, 'package.json'));
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cdktf-integrations-schema-'));
  try {
    const exported = execFileSync(process.execPath, [path.join(ROOT, 'dist', 'cli.js'), 'provider', 'install', '--dir', path.join(work, 'providers')], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    const cliConfigFile = exported.trim().replace(/^export TF_CLI_CONFIG_FILE=/, '').replace(/^'|'$/g, '');
    const config = {
      terraform: {
        required_providers: {
          elasticpath: { source: 'commerce-iac/elasticpath', version },
          sendcloud: { source: 'commerce-iac/sendcloud', version },
        },
      },
    };
    fs.writeFileSync(path.join(work, 'main.tf.json'), JSON.stringify(config));
    const env = { ...process.env, TF_CLI_CONFIG_FILE: cliConfigFile, CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1' };
    execFileSync('terraform', ['init', '-input=false', '-no-color'], { cwd: work, env, stdio: ['ignore', 'ignore', 'inherit'] });
    const schema = execFileSync('terraform', ['providers', 'schema', '-json'], { cwd: work, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    return `${JSON.stringify(sortKeys(JSON.parse(schema)), null, 2)}\n`;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

async function main() {
  const outIndex = process.argv.indexOf('--out');
  const out = outIndex === -1 ? path.join(ROOT, 'provider', 'schema.json') : path.resolve(process.argv[outIndex + 1]);
  fs.writeFileSync(out, await readProviderSchema());
  process.stdout.write(`wrote ${path.relative(process.cwd(), out)}\n`);
}

if (require.main === module) {
  main().catch((error) => {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  });
}

module.exports = { readProviderSchema };
