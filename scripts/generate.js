#!/usr/bin/env node
/**
 * Generates the CDKTF bindings in provider/gen/ from provider/schema.json (the output of
 * `terraform providers schema -json` against the built providers), the way `cdktf get`
 * does for a registry provider: @cdktf/provider-generator's TerraformProviderGenerator,
 * one provider constraint per schema entry.
 *
 *   node scripts/generate.js [--schema provider/schema.json] [--out provider/gen]
 *
 * The version constraint written into the bindings (and so into the synthesized
 * required_providers) is package.json's version: the providers ship with this package.
 * The output holds no timestamps, so a regeneration from the same schema is byte-identical
 * (test/constructs/bindings.test.ts relies on that).
 */
'use strict';
const fs = require('node:fs');
const path = require('node:path');

// Loading @cdktf/commons runs `terraform version`; keep that from calling HashiCorp's checkpoint service.
process.env.CHECKPOINT_DISABLE = process.env.CHECKPOINT_DISABLE || '1';
const { CodeMaker, TerraformProviderConstraint, TerraformProviderGenerator } = require('@cdktf/provider-generator');
const { ConstructsMakerTarget, LANGUAGES } = require('@cdktf/commons');

const ROOT = path.resolve(__dirname, '..');
const DEFAULT_REGISTRY_HOST = 'registry.terraform.io';

function parseArgs(argv) {
  const options = { schema: path.join(ROOT, 'provider/schema.json'), out: path.join(ROOT, 'provider/gen') };
  for (let i = 0; i < argv.length; i += 1) {
    const flag = argv[i];
    const value = argv[i + 1];
    if ((flag === '--schema' || flag === '--out') && value) {
      options[flag.slice(2)] = path.resolve(value);
      i += 1;
    } else {
      throw new Error(`unknown argument ${flag}: use --schema <file> and --out <dir>`);
    }
  }
  return options;
}

/** "registry.terraform.io/commerce-iac/elasticpath" -> "commerce-iac/elasticpath" (how users write `source`). */
function sourceOf(fqpn) {
  const parts = fqpn.split('/');
  if (parts.length !== 3) throw new Error(`unexpected provider address ${fqpn}: expected host/namespace/name`);
  return parts[0] === DEFAULT_REGISTRY_HOST ? `${parts[1]}/${parts[2]}` : fqpn;
}

async function generate({ schema: schemaPath, out }) {
  const schema = JSON.parse(fs.readFileSync(schemaPath, 'utf8'));
  const { version } = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const providers = Object.keys(schema.provider_schemas || {}).sort();
  if (providers.length === 0) throw new Error(`${schemaPath} declares no provider_schemas`);
  const code = new CodeMaker();
  for (const fqpn of providers) {
    // One generator per provider, as `cdktf get` does: a shared one would treat both providers'
    // "integration" resources as one name space and rename the second to IntegrationA.
    const providerSchema = { ...schema, provider_schemas: { [fqpn]: schema.provider_schemas[fqpn] } };
    const constraint = new TerraformProviderConstraint(`${sourceOf(fqpn)}@${version}`);
    new TerraformProviderGenerator(code, providerSchema).generate(ConstructsMakerTarget.from(constraint, LANGUAGES[0]));
  }
  // Start from an empty folder so a resource removed from the schema leaves no stale binding behind.
  fs.rmSync(path.join(out, 'providers'), { recursive: true, force: true });
  const written = await code.save(out);
  return written.map((file) => path.relative(out, path.resolve(out, file)));
}

if (require.main === module) {
  generate(parseArgs(process.argv.slice(2))).then(
    (files) => process.stdout.write(`generated ${files.length} files\n`),
    (error) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}

module.exports = { generate };
