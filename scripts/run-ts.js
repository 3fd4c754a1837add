#!/usr/bin/env node
/**
 * Runs a TypeScript entry point without ts-node: `node scripts/run-ts.js <file.ts> [args...]`.
 *
 * Each `.ts` file is transpiled by esbuild when Node requires it (types are not checked:
 * `tsc --noEmit` does that), and the entry is loaded as the main module, so
 * `require.main === module` holds in it as it would under ts-node. cdktf.json's "app"
 * uses this script so `cdktf synth` needs nothing beyond this repository's dependencies.
 */
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const Module = require('node:module');
const esbuild = require('esbuild');

function transpileTypeScript(module, filename) {
  const source = fs.readFileSync(filename, 'utf8');
  const { code } = esbuild.transformSync(source, {
    loader: filename.endsWith('.tsx') ? 'tsx' : 'ts',
    format: 'cjs',
    target: 'node20',
    sourcefile: filename,
    sourcemap: 'inline',
  });
  module._compile(code, filename);
}

function main() {
  const entry = process.argv[2];
  if (!entry) {
    process.stderr.write('usage: node scripts/run-ts.js <entry.ts> [args...]\n');
    process.exit(2);
  }
  require.extensions['.ts'] = transpileTypeScript;
  require.extensions['.tsx'] = transpileTypeScript;
  process.setSourceMapsEnabled(true);
  // Shift the arguments so the entry sees itself as argv[1], then load it as the main module.
  process.argv.splice(1, 2, path.resolve(entry));
  Module.runMain();
}

main();
