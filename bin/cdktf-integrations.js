#!/usr/bin/env node
// The published package ships dist/; a fresh clone builds it on first use (esbuild, about a second).
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const cli = path.join(root, 'dist', 'cli.js');
if (!fs.existsSync(cli) || !fs.existsSync(path.join(root, 'dist', 'provider.js'))) {
  require(path.join(root, 'scripts', 'build.js')).build({ quiet: true }).then(run, (error) => {
    process.stderr.write(`could not build cdktf-integrations: ${error.message}\n`);
    process.exit(1);
  });
} else {
  run();
}

function run() {
  require(cli)
    .main(process.argv.slice(2))
    .then((code) => {
      process.exitCode = code;
    });
}
