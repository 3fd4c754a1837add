/**
 * The released executables serve the plugin protocol from Bun's own listener (`Bun.listen`,
 * provider/protocol/wire/listen.ts), which jest (Node) never runs: Bun runs the HTTP/2 server's
 * suite itself, with the Bun the release compiles with (the `bun` devDependency).
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');

test("the HTTP/2 server's suite passes under Bun, on Bun.listen", () => {
  const bun = path.join(ROOT, 'node_modules', 'bun', 'bin', 'bun.exe');
  const run = spawnSync(bun, ['test', 'test/protocol/http2-server.test.ts'], { cwd: ROOT, encoding: 'utf8', timeout: 110000 });
  const output = `${run.stdout}${run.stderr}`;
  expect(Number(/(\d+) pass\b/.exec(output)?.[1] ?? 0)).toBeGreaterThan(20);
  expect(output).toMatch(/\b0 fail\b/);
  expect(run.status).toBe(0);
}, 120000);
