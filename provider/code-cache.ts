/**
 * A V8 code cache for the provider bundle, loaded before it by the npm route's launchers
 * (`node --require dist/provider-code-cache.js dist/provider.js NAME`, see
 * src/providers/install.ts). Node compiles the 870 KB bundle at every start and then each
 * function at its first call; with a run host, one process serves a whole plan, so those
 * compiles sit on the plan's critical path once per Terraform command. This hook compiles the
 * bundle through `vm.Script` with the bytecode a previous process left, and at exit leaves the
 * bytecode of everything this process compiled (the RPCs' functions included) when the cache
 * was missing, stale or covered less. Node 22+'s own compile cache (NODE_COMPILE_CACHE) keeps
 * only what compiles when the bundle loads, not the functions compiled at their first call.
 *
 * The cache lives in NODE_COMPILE_CACHE's folder (the install folder's, private to the user),
 * one file per bundle and Node version; NODE_DISABLE_COMPILE_CACHE=1 turns it off with Node's.
 * A file is used only for the exact bundle it was made from (SHA-256 of its text: V8 checks
 * only the source's length) and V8 refuses one made by another V8 or other flags. Whatever
 * goes wrong, the bundle loads as Node would load it.
 */
import * as fs from 'node:fs';
import Module = require('node:module');
import * as path from 'node:path';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';

/**
 * The file's header: a format marker, the bundle's SHA-256, the data's SHA-256, the bytecode size
 * in the heap when it was written. The data's own hash because release builds of V8 do not check
 * a code cache's checksum: torn or damaged bytes would crash the process, not be refused.
 */
const MAGIC = Buffer.from('commerce-iac code cache 2\n');
const HASH_BYTES = 32;
const BUNDLE_HASH_AT = MAGIC.length;
const DATA_HASH_AT = BUNDLE_HASH_AT + HASH_BYTES;
const BYTECODE_BYTES_AT = DATA_HASH_AT + HASH_BYTES;
const HEADER_BYTES = BYTECODE_BYTES_AT + 4;
/** A process whose heap holds this much more bytecode than the cache was made with rewrites it. */
const MORE_COVERAGE = 1.1;

interface CacheFile {
  file: string;
  bundleHash: Buffer;
  /** The V8 data, when the file is there and was made from this bundle. */
  cachedData?: Buffer;
  bytecodeBytes: number;
}

export function cacheFileFor(folder: string, bundle: string): string {
  return path.join(folder, `commerce-iac-${path.basename(bundle, '.js')}-node${process.versions.node}-${process.arch}.v8cache`);
}

export function readCacheFile(file: string, bundleHash: Buffer): CacheFile {
  const found: CacheFile = { file, bundleHash, bytecodeBytes: 0 };
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch {
    return found;
  }
  const data = bytes.subarray(HEADER_BYTES);
  const matches =
    bytes.length > HEADER_BYTES &&
    bytes.subarray(0, MAGIC.length).equals(MAGIC) &&
    bytes.subarray(BUNDLE_HASH_AT, BUNDLE_HASH_AT + HASH_BYTES).equals(bundleHash) &&
    bytes.subarray(DATA_HASH_AT, DATA_HASH_AT + HASH_BYTES).equals(sha256(data));
  if (!matches) return found;
  return { ...found, cachedData: data, bytecodeBytes: bytes.readUInt32BE(BYTECODE_BYTES_AT) };
}

function sha256(bytes: string | Buffer): Buffer {
  return (require('node:crypto') as typeof import('node:crypto')).createHash('sha256').update(bytes).digest();
}

/** Written beside, then renamed over: concurrent launches each leave a whole file. */
function writeCacheFile(cache: CacheFile, data: Buffer, bytecodeBytes: number): void {
  const header = Buffer.alloc(HEADER_BYTES);
  MAGIC.copy(header);
  cache.bundleHash.copy(header, BUNDLE_HASH_AT);
  sha256(data).copy(header, DATA_HASH_AT);
  header.writeUInt32BE(Math.min(bytecodeBytes, 0xffffffff), BYTECODE_BYTES_AT);
  const temporary = `${cache.file}.${process.pid}`;
  try {
    fs.writeFileSync(temporary, Buffer.concat([header, data]), { mode: 0o600 });
    fs.renameSync(temporary, cache.file);
  } catch {
    try {
      fs.rmSync(temporary, { force: true });
    } catch {
      // No folder to write in: nothing was left.
    }
  }
}

function heapBytecodeBytes(): number {
  return v8.getHeapCodeStatistics().bytecode_and_metadata_size;
}

/** Compiles and runs `module` (the bundle) as Node's CommonJS loader would, through `vm.Script` with `cache`. */
function runWithCache(module: Module, content: string, filename: string, cache: CacheFile): unknown {
  const script = new vm.Script(Module.wrap(content), { filename, cachedData: cache.cachedData });
  const accepted = cache.cachedData !== undefined && !script.cachedDataRejected;
  process.once('exit', () => {
    const bytecodeBytes = heapBytecodeBytes();
    if (accepted && bytecodeBytes <= cache.bytecodeBytes * MORE_COVERAGE) return;
    try {
      writeCacheFile(cache, script.createCachedData(), bytecodeBytes);
    } catch {
      // The process's exit is not the place to fail: the next one compiles.
    }
  });
  const moduleFunction = script.runInThisContext() as (...args: unknown[]) => unknown;
  // What Node's own `require` inside a module offers and the bundle uses.
  const requireInModule = Object.assign((id: string) => module.require(id), {
    // The bundle is node's main module (installCodeCache hooks only that one), set before its compile.
    main: process.mainModule,
    cache: require.cache,
    resolve: Object.assign((request: string) => (Module as unknown as ModuleInternals)._resolveFilename(request, module, false), { paths: () => null }),
  });
  return moduleFunction.call(module.exports, module.exports, requireInModule, module, filename, path.dirname(filename));
}

interface ModuleInternals {
  _resolveFilename(request: string, parent: Module, isMain: boolean): string;
}
type Compile = (this: Module, content: string, filename: string) => unknown;

/** Routes the main module's compile (the bundle named on node's command line) through the cache. */
export function installCodeCache(env: NodeJS.ProcessEnv = process.env, mainFile = process.argv[1]): void {
  const folder = env.NODE_COMPILE_CACHE;
  if (!folder || env.NODE_DISABLE_COMPILE_CACHE || !mainFile) return;
  const bundle = path.resolve(mainFile);
  const prototype = Module.prototype as unknown as { _compile: Compile };
  const nodeCompile = prototype._compile;
  prototype._compile = function compileThroughCache(content, filename) {
    if (filename !== bundle) return nodeCompile.call(this, content, filename);
    prototype._compile = nodeCompile;
    let cache: CacheFile;
    try {
      cache = readCacheFile(cacheFileFor(folder, bundle), sha256(content));
    } catch {
      return nodeCompile.call(this, content, filename);
    }
    return runWithCache(this, content, filename, cache);
  };
}
