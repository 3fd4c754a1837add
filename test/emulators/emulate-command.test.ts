import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import { once } from 'node:events';
import { buildSync } from 'esbuild';
import { runEmulateCommand } from '../../src/cli/emulate';
import { EMULATOR_CREDENTIALS } from '../../src/emulators';
import { basicAuth, form, http } from './support/clients';

let directory: string;

beforeAll(() => {
  directory = mkdtempSync(path.join(tmpdir(), 'emulate-command-'));
});

afterAll(() => rmSync(directory, { recursive: true, force: true }));

function collect(stream: PassThrough): () => string {
  let text = '';
  stream.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  return () => text;
}

async function firstLine(stream: NodeJS.ReadableStream): Promise<string> {
  let buffered = '';
  for await (const chunk of stream) {
    buffered += String(chunk);
    const newline = buffered.indexOf('\n');
    if (newline >= 0) return buffered.slice(0, newline);
  }
  throw new Error(`stream ended before a full line: ${JSON.stringify(buffered)}`);
}

async function assertEmulatorsServe(announcement: any, expectedSendcloudIds: number[]): Promise<void> {
  const token = await http(`${announcement.elasticpath.url}/oauth/access_token`, form({
    grant_type: 'client_credentials',
    client_id: announcement.elasticpath.clientId,
    client_secret: announcement.elasticpath.clientSecret,
  }));
  expect(token.status).toBe(200);
  const list = await http(`${announcement.sendcloud.url}/api/v3/integrations`, {
    headers: { authorization: basicAuth(announcement.sendcloud.publicKey, announcement.sendcloud.secretKey) },
  });
  expect(list.json.data.map((entry: any) => entry.id).sort()).toEqual(expectedSendcloudIds);
}

test('prints one JSON line with URLs and credentials, serves, and stops cleanly', async () => {
  const stdout = new PassThrough();
  const stop = new AbortController();
  const output = collect(stdout);
  const running = runEmulateCommand(['emulate', '--elasticpath-port', '0', '--sendcloud-port=0'], { stdout, stopSignal: stop.signal });
  const line = await firstLine(stdout);
  const announcement = JSON.parse(line);
  expect(announcement).toEqual({
    elasticpath: { url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/), ...EMULATOR_CREDENTIALS.elasticpath },
    sendcloud: {
      url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
      publicKey: EMULATOR_CREDENTIALS.sendcloud.publicKey,
      secretKey: EMULATOR_CREDENTIALS.sendcloud.secretKey,
    },
  });
  await assertEmulatorsServe(announcement, [1001, 1002, 1003, 1004]);

  stop.abort();
  expect(await running).toBe(0);
  expect(output().trim().split('\n')).toHaveLength(1);
  await expect(fetch(`${announcement.elasticpath.url}/v2/integrations`)).rejects.toThrow();
});

test('loads the Sendcloud seed from --seed', async () => {
  const seedFile = path.join(directory, 'seed.json');
  writeFileSync(seedFile, JSON.stringify([{ id: 55, shop_name: 'From file', shop_url: 'https://file.example.com/' }]));
  const stdout = new PassThrough();
  const stop = new AbortController();
  const running = runEmulateCommand(['--seed', seedFile], { stdout, stopSignal: stop.signal });
  await assertEmulatorsServe(JSON.parse(await firstLine(stdout)), [55]);
  stop.abort();
  expect(await running).toBe(0);
});

test.each([
  [['--elasticpath-port', 'eighty'], /--elasticpath-port needs a port number/],
  [['--sendcloud-port'], /--sendcloud-port needs a port number/],
  [['--verbose'], /unknown argument --verbose/],
  [['--seed', path.join(tmpdir(), 'no-such-seed-file.json')], /cannot read Sendcloud seed file/],
])('fails on %j with a message and a non-zero exit code', async (argv, message) => {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const errors = collect(stderr);
  const printed = collect(stdout);
  const code = await runEmulateCommand(argv as string[], { stdout, stderr });
  expect(code).not.toBe(0);
  expect(errors()).toMatch(message);
  expect(printed()).toBe('');
});

test.each(['SIGTERM', 'SIGINT'] as const)('a separate process stops on %s and exits 0', async (signal) => {
  const entry = path.join(directory, 'entry.ts');
  writeFileSync(entry, `import { runEmulateCommand } from ${JSON.stringify(path.resolve(__dirname, '../../src/cli/emulate'))};
runEmulateCommand(process.argv.slice(2)).then((code) => { process.exitCode = code; });
`);
  const bundle = path.join(directory, `emulate-${signal}.js`);
  buildSync({ entryPoints: [entry], bundle: true, platform: 'node', target: 'node20', outfile: bundle, logLevel: 'silent' });

  const child = spawn(process.execPath, [bundle, 'emulate'], { stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    const announcement = JSON.parse(await firstLine(child.stdout));
    await assertEmulatorsServe(announcement, [1001, 1002, 1003, 1004]);
    const exited = once(child, 'exit');
    child.kill(signal);
    const [code] = await exited;
    expect(code).toBe(0);
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
  }
});
