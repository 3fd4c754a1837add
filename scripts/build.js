#!/usr/bin/env node
/**
 * Builds the project's runnable bundles.
 *
 * 1. Turns provider/proto/*.proto into one JSON descriptor
 *    (provider/protocol/generated/descriptor.json, committed), so the provider
 *    never parses .proto text at start-up.
 * 2. Bundles the entry points into dist/ with esbuild (node20, CommonJS,
 *    everything inlined but node's own modules).
 * 3. With --cdktn-entry, after `tsc -p tsconfig.build.json` has written dist/lib: writes
 *    dist/cdktn, the library for CDK Terrain apps (`cdktf-commerce-integrations/cdktn`). It is
 *    dist/lib with each `cdktf` module specifier (require, import, import()) replaced by
 *    `cdktn`, in the JavaScript and in the type declarations, so both entries come from the
 *    same sources and the same generated bindings.
 *
 * Usage: node scripts/build.js [--toy]   (--toy also bundles the protocol test fixture)
 *        node scripts/build.js --descriptor-only
 *        node scripts/build.js --cdktn-entry
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const PROTO_DIR = path.join(ROOT, 'provider', 'proto');
const PROTO_FILES = [
  'tfplugin6.proto',
  'grpc_controller.proto',
  'grpc_stdio.proto',
  'grpc_broker.proto',
  'health.proto',
];
const DESCRIPTOR_PATH = path.join(ROOT, 'provider', 'protocol', 'generated', 'descriptor.json');

const ENTRY_POINTS = [
  { source: 'provider/main.ts', output: 'dist/provider.js' },
  { source: 'src/cli/main.ts', output: 'dist/cli.js' },
];
const TOY_ENTRY = { source: 'test/fixtures/toy-provider/main.ts', output: 'dist/provider-test-toy.js' };
/** The bench's echo provider (scripts/echo-provider.ts): the real schemas, no resource code. */
const ECHO_ENTRY = { source: 'scripts/echo-provider.ts', output: 'dist/echo-provider.js' };

/**
 * A compact, fully resolved descriptor: every message by full name with its
 * fields (type names resolved to full names), every enum, every service. The
 * provider's own protobuf codec reads this shape directly.
 */
function compactDescriptor(root) {
  const protobuf = require('protobufjs');
  const messages = {};
  const enums = {};
  const services = {};
  const fullName = (reflection) => reflection.fullName.replace(/^\./, '');

  const visit = (namespace) => {
    for (const nested of namespace.nestedArray) {
      if (nested instanceof protobuf.Type) {
        messages[fullName(nested)] = {
          fields: nested.fieldsArray.map((field) => {
            field.resolve();
            const entry = { name: field.name, id: field.id, type: field.type };
            const resolved = field.resolvedType;
            if (resolved instanceof protobuf.Type) {
              entry.type = 'message';
              entry.ref = fullName(resolved);
            } else if (resolved instanceof protobuf.Enum) {
              entry.type = 'enum';
              entry.ref = fullName(resolved);
            }
            if (field.map) entry.keyType = field.keyType;
            if (field.repeated) entry.repeated = true;
            // Members of a oneof (and proto3 "optional" fields) are written even when they hold a default value.
            if (field.partOf) entry.presence = true;
            return entry;
          }),
        };
      } else if (nested instanceof protobuf.Enum) {
        enums[fullName(nested)] = { ...nested.values };
      } else if (nested instanceof protobuf.Service) {
        const methods = {};
        for (const method of nested.methodsArray) {
          method.resolve();
          methods[method.name] = {
            request: fullName(method.resolvedRequestType),
            response: fullName(method.resolvedResponseType),
            requestStream: method.requestStream === true,
            responseStream: method.responseStream === true,
          };
        }
        services[fullName(nested)] = methods;
      }
      if (nested instanceof protobuf.Namespace) visit(nested);
    }
  };
  visit(root);
  return { messages, enums, services };
}

/** Loads the .proto files with protobufjs (build time only). */
function loadProtoRoot() {
  const protobuf = require('protobufjs');
  const root = new protobuf.Root();
  root.loadSync(
    PROTO_FILES.map((file) => path.join(PROTO_DIR, file)),
    { keepCase: true },
  );
  root.resolveAll();
  return root;
}

/** Returns the descriptor JSON text for the .proto files (stable order, trailing newline). */
function renderDescriptor() {
  return `${JSON.stringify(compactDescriptor(loadProtoRoot()), null, 1)}\n`;
}

/** Writes through a temporary file and a rename, so a concurrent reader never sees half a file. */
function writeAtomically(file, contents) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, contents);
  fs.renameSync(temporary, file);
}

function writeDescriptor() {
  const text = renderDescriptor();
  const previous = fs.existsSync(DESCRIPTOR_PATH) ? fs.readFileSync(DESCRIPTOR_PATH, 'utf8') : '';
  if (previous !== text) writeAtomically(DESCRIPTOR_PATH, text);
  return DESCRIPTOR_PATH;
}

/**
 * JSON files (the protocol descriptor, loaded at every start; mime-db under axios, 200 KB) go
 * into the bundle as `JSON.parse('…')` of a string rather than as object literals: V8 scans a
 * string literal and parses JSON several times faster than it parses the same data as
 * JavaScript, and every launch compiles the whole bundle.
 */
const JSON_AS_STRING = {
  name: 'json-as-string',
  setup(pluginBuild) {
    pluginBuild.onLoad({ filter: /\.json$/ }, (args) => {
      const text = JSON.stringify(JSON.parse(fs.readFileSync(args.path, 'utf8')));
      return { contents: `module.exports = JSON.parse(${JSON.stringify(text)});\n`, loader: 'js' };
    });
  },
};

/** esbuild options every provider bundle shares (dist/*.js and the released executables' bundle). */
const PROVIDER_BUNDLE_OPTIONS = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  plugins: [JSON_AS_STRING],
};

/** Bundles one entry point; returns false when its source does not exist yet. */
async function bundle({ source, output }) {
  const entry = path.join(ROOT, source);
  if (!fs.existsSync(entry)) return false;
  const esbuild = require('esbuild');
  const result = await esbuild.build({
    entryPoints: [entry],
    outfile: path.join(ROOT, output),
    ...PROVIDER_BUNDLE_OPTIONS,
    sourcemap: 'external',
    minify: false,
    logLevel: 'warning',
    // Test runs build while other test files may be launching the previous bundle.
    write: false,
  });
  for (const file of result.outputFiles) writeAtomically(file.path, file.contents);
  return true;
}

/** Builds every entry that exists; one that fails does not stop the others, but fails the build. */
async function build({ toy = false } = {}) {
  writeDescriptor();
  const built = [];
  const failed = [];
  for (const entry of toy ? [...ENTRY_POINTS, TOY_ENTRY] : ENTRY_POINTS) {
    try {
      if (await bundle(entry)) built.push(entry.output);
    } catch {
      failed.push(entry.source);
    }
  }
  if (failed.length > 0) {
    throw new Error(`build failed for ${failed.join(', ')} (built: ${built.join(', ') || 'nothing'})`);
  }
  return built;
}

/** Builds only the toy provider bundle (used by the protocol tests' setup). */
async function buildToy() {
  writeDescriptor();
  await bundle(TOY_ENTRY);
  return path.join(ROOT, TOY_ENTRY.output);
}

/** Builds only the echo provider bundle (used by `npm run bench -- --plan-cost`). */
async function buildEcho() {
  writeDescriptor();
  await bundle(ECHO_ENTRY);
  return path.join(ROOT, ECHO_ENTRY.output);
}

const LIBRARY_DIR = path.join(ROOT, 'dist', 'lib');
const CDKTN_LIBRARY_DIR = path.join(ROOT, 'dist', 'cdktn');
/** `require("cdktf")`, `from "cdktf"`, `import("cdktf")` and their subpaths: module specifiers only, never prose. */
const CDKTF_SPECIFIER = /(\brequire\(\s*|\bfrom\s+|\bimport\(\s*|^import\s+)(["'])cdktf(\/[^"']*)?\2/gm;

/** The text of a compiled file with its `cdktf` module specifiers pointing at `cdktn`. */
function rewriteCdktfSpecifiers(text) {
  return text.replace(CDKTF_SPECIFIER, (_match, lead, quote, subpath = '') => `${lead}${quote}cdktn${subpath}${quote}`);
}

/** Writes dist/cdktn from dist/lib (see 3. above); returns how many files import the CDK library. */
function writeCdktnEntry() {
  if (!fs.existsSync(path.join(LIBRARY_DIR, 'src', 'index.js'))) {
    throw new Error(`${path.relative(ROOT, LIBRARY_DIR)} is missing: run \`tsc -p tsconfig.build.json\` first (npm run build does)`);
  }
  // Written beside and renamed into place, so a pack running at the same time never sees half of it.
  const staging = `${CDKTN_LIBRARY_DIR}.${process.pid}.tmp`;
  fs.rmSync(staging, { recursive: true, force: true });
  let rewritten = 0;
  const copy = (from, to) => {
    fs.mkdirSync(to, { recursive: true });
    for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
      const source = path.join(from, entry.name);
      const target = path.join(to, entry.name);
      if (entry.isDirectory()) {
        copy(source, target);
      } else if (/\.(js|d\.ts)$/.test(entry.name)) {
        const text = fs.readFileSync(source, 'utf8');
        const changed = rewriteCdktfSpecifiers(text);
        if (changed !== text) rewritten += 1;
        fs.writeFileSync(target, changed);
      } else {
        fs.copyFileSync(source, target);
      }
    }
  };
  copy(LIBRARY_DIR, staging);
  // The constructs and every generated binding import cdktf; finding none means the pattern no longer matches tsc's output.
  if (rewritten === 0) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw new Error('no compiled file imports cdktf: the cdktn entry would be a copy of the cdktf one');
  }
  fs.rmSync(CDKTN_LIBRARY_DIR, { recursive: true, force: true });
  fs.renameSync(staging, CDKTN_LIBRARY_DIR);
  return rewritten;
}

module.exports = { PROVIDER_BUNDLE_OPTIONS, build, buildToy, buildEcho, writeCdktnEntry, rewriteCdktfSpecifiers, renderDescriptor, writeDescriptor, loadProtoRoot, DESCRIPTOR_PATH, PROTO_FILES };

if (require.main === module) {
  const args = new Set(process.argv.slice(2));
  const run = args.has('--descriptor-only')
    ? Promise.resolve([path.relative(ROOT, writeDescriptor())])
    : args.has('--cdktn-entry')
      ? Promise.resolve().then(() => [`${path.relative(ROOT, CDKTN_LIBRARY_DIR)} (${writeCdktnEntry()} files import cdktn)`])
      : build({ toy: args.has('--toy') });
  run.then(
    (outputs) => console.log(`built: ${outputs.join(', ') || '(nothing)'}`),
    (error) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
