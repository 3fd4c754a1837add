/**
 * Builds a test fixture once per machine and set of inputs, for every test file, jest worker and
 * jest run that asks: kept in os.tmpdir() under the name of its inputs' hash. When several
 * processes ask at once, one builds (holding a lock file) and the others wait for its atomic
 * rename; a lock left by a process that died is taken over.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const WAIT_POLL_MS = 250;
const WAIT_LIMIT_MS = 15 * 60 * 1000;
const STALE_AFTER_MS = 24 * 60 * 60 * 1000;

export interface CachedBuild<T> {
  /** The folder under os.tmpdir() that holds this kind of fixture, one subfolder per inputs hash. */
  readonly cacheName: string;
  /** The hash of everything the fixture is made from. */
  readonly key: string;
  /** The fixture in `dir`, or undefined when it is not complete there. */
  read(dir: string): T | undefined;
  /** Builds into a staging folder and renames it to `dir` (so `read` never sees half of one). */
  build(dir: string): Promise<T>;
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes other fixtures of the kind nobody has built for a day. */
function pruneStale(cacheRoot: string, keep: string): void {
  for (const entry of fs.readdirSync(cacheRoot)) {
    const dir = path.join(cacheRoot, entry);
    if (entry === keep || entry.startsWith(`${keep}.`)) continue;
    try {
      if (Date.now() - fs.statSync(dir).mtimeMs > STALE_AFTER_MS) fs.rmSync(dir, { recursive: true, force: true });
    } catch {
      // another process removed it
    }
  }
}

export async function buildOnce<T>(fixture: CachedBuild<T>): Promise<T> {
  const cacheRoot = path.join(os.tmpdir(), fixture.cacheName);
  fs.mkdirSync(cacheRoot, { recursive: true });
  const finalDir = path.join(cacheRoot, fixture.key);
  const lockFile = `${finalDir}.lock`;
  const waitedSince = Date.now();
  for (;;) {
    const ready = fixture.read(finalDir);
    if (ready) return ready;
    let lock: number | undefined;
    try {
      lock = fs.openSync(lockFile, 'wx');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    if (lock !== undefined) {
      try {
        fs.writeSync(lock, String(process.pid));
        const already = fixture.read(finalDir);
        if (already) return already;
        pruneStale(cacheRoot, fixture.key);
        // A folder that read() does not accept is a build's leftover (renames are atomic, so none should be).
        fs.rmSync(finalDir, { recursive: true, force: true });
        return await fixture.build(finalDir);
      } finally {
        fs.closeSync(lock);
        fs.rmSync(lockFile, { force: true });
      }
    }
    // Another process builds: wait for it, or take over when it died holding the lock.
    const holder = Number(fs.existsSync(lockFile) ? fs.readFileSync(lockFile, 'utf8') : '');
    if (holder > 0 && !processIsAlive(holder)) fs.rmSync(lockFile, { force: true });
    if (Date.now() - waitedSince > WAIT_LIMIT_MS) throw new Error(`gave up waiting for the fixture ${finalDir} (lock ${lockFile})`);
    await new Promise((resolve) => setTimeout(resolve, WAIT_POLL_MS));
  }
}
