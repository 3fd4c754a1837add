/** `emulate --allow-external-delivery --delivery-time-scale X`: accepted, and bad values refused with the fix. */
import { PassThrough } from 'node:stream';
import { runEmulateCommand } from '../../src/cli/emulate';

async function run(args: string[], stopAfterStart: boolean): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
  const stop = new AbortController();
  const running = runEmulateCommand(['emulate', ...args], { stdout, stderr, stopSignal: stop.signal });
  if (stopAfterStart) {
    while (!out.includes('\n')) await new Promise((resolve) => setTimeout(resolve, 20));
    stop.abort();
  }
  return { code: await running, stdout: out, stderr: err };
}

test('the delivery flags start the emulators', async () => {
  const result = await run(['--allow-external-delivery', '--delivery-time-scale', '0.01'], true);
  expect(result.code).toBe(0);
  expect(JSON.parse(result.stdout.split('\n')[0]).elasticpath.url).toMatch(/^http:\/\/127\.0\.0\.1:/);
});

test('a bad time scale is refused with what to write instead', async () => {
  const result = await run(['--delivery-time-scale', 'fast'], false);
  expect(result.code).toBe(2);
  expect(result.stderr).toContain('--delivery-time-scale needs a number >= 0 (1 = real waits, 0.01 = a hundred times shorter)');
});
