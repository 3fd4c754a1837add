/**
 * What one RPC costs the provider process (`node scripts/run-ts.js scripts/bench-rpc.ts [BUNDLE]`):
 * the echo provider (scripts/echo-provider.ts, the real schemas on our protocol layer, no resource
 * code) started in reattach mode, driven over its unix socket by a plain HTTP/2 client with the
 * RPCs of a no-op plan of 100 `elasticpath_integration`s (ValidateResourceConfig, ReadResource,
 * PlanResourceChange), 10 at a time as Terraform sends them and one at a time.
 *
 * For each batch of 100 it reports the provider's CPU per RPC (user + system, from /proc) and the
 * latency of one RPC (request written to response ended, client side), first on a process that
 * has served nothing (cold: the first batches pay for loading and compiling the RPC code) and
 * then warm. BUNDLE defaults to dist/echo-provider.js; another bundle or executable serving the
 * same protocol can be given, with `--exec` for an executable run without `node`; `--real` is
 * dist/provider.js, the real elasticpath provider. Node options for the provider go in
 * BENCH_RPC_NODE_ARGS, e.g. `--cpu-prof --cpu-prof-dir=/tmp/rpc-profiles`.
 *
 * Each round is a no-op plan's calls on one connection: ValidateResourceConfig ×100,
 * UpgradeResourceState ×100, ConfigureProvider, ReadResource ×100, PlanResourceChange ×100.
 * An Elastic Path emulator runs in this process (the real provider's configure checks its
 * credentials there, and its reads list the integrations the set-up created); the echo provider
 * is sent the same calls. Each round configures again, as each Terraform run does, so the
 * real provider's first reads of a round list the store again.
 *
 * `--callgrind DIR` runs the provider under valgrind's callgrind (`--smc-check=all-non-file`)
 * and dumps its counters after each batch (callgrind_control), so it reports instructions per
 * RPC type, cold and warm (DIR keeps the dumps for callgrind_annotate; BENCH_RPC_NODE_ARGS=
 * --single-threaded keeps V8's compiler and GC threads out of the counts' noise). `--rounds N`
 * sets the rounds after the cold one (5; warm figures come from the second half), `--only 10`
 * or `--only 1` one parallelism.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as http2 from 'node:http2';
import * as os from 'node:os';
import * as path from 'node:path';
import type { PlainObject } from '../provider/framework/types';
import { schemaType } from '../provider/protocol/codec/types';
import { encodeMsgpack, decodeMsgpack } from '../provider/protocol/codec/msgpack';
import { decodeMessage, descriptor, encodeMessage } from '../provider/protocol/wire/protobuf';
import { elasticPathProvider } from '../provider/elasticpath/provider';
import { integrationsConfig, median } from './bench-harness';
import { startElasticPathEmulator } from '../src/emulators';

const TYPE_NAME = 'elasticpath_integration';
const COUNT = 100;
const DEFAULT_WARM_ROUNDS = 5;
const CLOCK_TICKS_PER_SECOND = 100;

/** The provider's CPU so far, in ms (utime + stime of /proc/PID/stat). */
function processCpuMs(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
}

interface RunningProvider {
  child: ChildProcess;
  session: http2.ClientHttp2Session;
}

async function startProvider(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<RunningProvider> {
  const child = spawn(command, args, {
    env: { PATH: process.env.PATH, NODE_EXTRA_CA_CERTS: '', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = await new Promise<string>((resolve, reject) => {
    let text = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (text.includes('\n')) resolve(text.split('\n')[0]);
    });
    child.once('exit', (code) => reject(new Error(`${command} exited with ${code} before its reattach line`)));
  });
  const [attach] = Object.values(JSON.parse(line) as Record<string, { Addr: { String: string } }>);
  const socketPath = attach.Addr.String;
  const session = http2.connect('http://localhost', { createConnection: () => require('node:net').connect(socketPath) });
  await new Promise<void>((resolve, reject) => session.once('connect', () => resolve()).once('error', reject));
  return { child, session };
}

function call(session: http2.ClientHttp2Session, method: string, request: object): Promise<{ ms: number; response: any }> {
  const methodDescriptor = descriptor.services['tfplugin6.Provider'][method];
  const body = encodeMessage(methodDescriptor.request, request);
  const framed = Buffer.alloc(5 + body.length);
  framed.writeUInt32BE(body.length, 1);
  body.copy(framed, 5);
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const stream = session.request({ ':method': 'POST', ':path': `/tfplugin6.Provider/${method}`, 'content-type': 'application/grpc', te: 'trailers' });
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('error', reject);
    stream.on('end', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const data = Buffer.concat(chunks);
      if (data.length < 5) return reject(new Error(`${method}: no response message`));
      resolve({ ms, response: decodeMessage(methodDescriptor.response, data.subarray(5)) });
    });
    stream.end(framed);
  });
}

/** `count` calls of `method`, at most `parallelism` at once, as Terraform's walk sends them. */
async function batch(session: http2.ClientHttp2Session, method: string, requests: object[], parallelism: number): Promise<number[]> {
  const latencies: number[] = [];
  let next = 0;
  const worker = async () => {
    while (next < requests.length) {
      const request = requests[next++];
      latencies.push((await call(session, method, request)).ms);
    }
  };
  await Promise.all(Array.from({ length: parallelism }, worker));
  return latencies;
}

/** Sends one RPC and answers its response: over a socket (below) or to the handlers in process (bench-handlers.ts). */
export type RpcCaller = (method: string, request: object) => Promise<any>;

/**
 * The RPCs a no-op plan sends for 100 integrations, their values encoded as Terraform encodes
 * them, by method (ConfigureProvider once); the states are made by the provider `send` reaches,
 * configured first: a plan and an apply each.
 */
export async function noOpPlanRequests(send: RpcCaller): Promise<Record<string, object[]>> {
  const resource = elasticPathProvider.resources.find((candidate) => candidate.typeName === TYPE_NAME)!;
  const type = schemaType(resource.schema);
  const providerType = schemaType(elasticPathProvider.schema);
  const configs = Object.values((integrationsConfig(COUNT) as { resource: Record<string, Record<string, PlainObject>> }).resource[TYPE_NAME]);
  const states: { msgpack: Uint8Array; private: Uint8Array; json: Buffer }[] = [];
  const configValues = configs.map((config) => ({ msgpack: encodeMsgpack(config, type) }));
  const configure = { terraform_version: '1.11.4', config: { msgpack: encodeMsgpack({}, providerType) } };
  const configured = await send('ConfigureProvider', configure);
  if (configured.diagnostics?.length) throw new Error(`configure: ${JSON.stringify(configured.diagnostics)}`);
  const none = { msgpack: encodeMsgpack(null, type) };
  for (const config of configValues) {
    const planned = await send('PlanResourceChange', { type_name: TYPE_NAME, config, proposed_new_state: config, prior_state: none });
    const applied = await send('ApplyResourceChange', { type_name: TYPE_NAME, config, planned_state: planned.planned_state, planned_private: planned.planned_private, prior_state: none });
    if (applied.diagnostics?.length) throw new Error(`apply: ${JSON.stringify(applied.diagnostics)}`);
    // Terraform stores a state as JSON, which UpgradeResourceState is sent.
    const json = Buffer.from(JSON.stringify(decodeMsgpack(applied.new_state.msgpack, type)));
    states.push({ msgpack: applied.new_state.msgpack, private: applied.private ?? new Uint8Array(), json });
  }
  return {
    ValidateResourceConfig: configValues.map((config) => ({ type_name: TYPE_NAME, config, client_capabilities: { write_only_attributes_allowed: true } })),
    UpgradeResourceState: states.map((state) => ({ type_name: TYPE_NAME, version: 0, raw_state: { json: state.json } })),
    ConfigureProvider: [configure],
    ReadResource: states.map((state) => ({ type_name: TYPE_NAME, current_state: { msgpack: state.msgpack }, private: state.private })),
    PlanResourceChange: states.map((state, index) => ({
      type_name: TYPE_NAME,
      config: configValues[index],
      prior_state: { msgpack: state.msgpack },
      proposed_new_state: { msgpack: state.msgpack },
      prior_private: state.private,
    })),
  };
}

/** Instructions since the last dump, from the newest callgrind dump file of `pid` in `dir`. */
function callgrindDump(dir: string, pid: number, label: string): number {
  const before = new Set(fs.readdirSync(dir));
  const result = spawnSync('callgrind_control', ['--dump=' + label, String(pid)], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`callgrind_control: ${result.stderr}`);
  const added = fs.readdirSync(dir).filter((name) => !before.has(name) && name.startsWith(`callgrind.out.${pid}`));
  if (added.length !== 1) throw new Error(`callgrind_control wrote ${added.length} files`);
  const text = fs.readFileSync(path.join(dir, added[0]), 'utf8');
  const match = /^(?:summary|totals): (\d+)/m.exec(text);
  if (!match) throw new Error(`no totals in ${added[0]}`);
  return Number(match[1]);
}

/** The value after `--name` among the arguments. */
export function optionValue(args: string[], name: string): string | undefined {
  const index = args.indexOf(name);
  return index === -1 ? undefined : args[index + 1];
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const asExecutable = args.includes('--exec');
  const real = args.includes('--real');
  const callgrindDir = optionValue(args, '--callgrind');
  const warmRounds = Number(optionValue(args, '--rounds') ?? DEFAULT_WARM_ROUNDS);
  const only = optionValue(args, '--only');
  const valued = new Set(['--callgrind', '--rounds', '--only'].map((name) => optionValue(args, name)));
  const target =
    args.find((argument) => !argument.startsWith('--') && !valued.has(argument)) ??
    path.join(__dirname, '..', 'dist', real ? 'provider.js' : 'echo-provider.js');
  const nodeOptions = (process.env.BENCH_RPC_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const plain: [string, string[]] = asExecutable ? [target, ['--reattach']] : [process.execPath, [...nodeOptions, target, 'elasticpath', '--reattach']];
  if (callgrindDir) fs.mkdirSync(callgrindDir, { recursive: true });
  const measured: [string, string[]] = callgrindDir
    ? ['valgrind', ['-q', '--tool=callgrind', '--smc-check=all-non-file', '--dump-instr=no', `--callgrind-out-file=${path.resolve(callgrindDir)}/callgrind.out.%p`, plain[0], ...plain[1]]]
    : plain;
  const load = os.loadavg()[0];
  const emulator = await startElasticPathEmulator();
  const env = { ELASTICPATH_API_BASE_URL: emulator.url, ELASTICPATH_CLIENT_ID: emulator.clientId, ELASTICPATH_CLIENT_SECRET: emulator.clientSecret };

  try {
    // The requests are made on a first process (its ApplyResourceChange answers give the states).
    const maker = await startProvider(...plain, env);
    const requests = await noOpPlanRequests(async (method, request) => (await call(maker.session, method, request)).response);
    maker.session.close();
    maker.child.kill();

    for (const parallelism of [10, 1]) {
      if (only && Number(only) !== parallelism) continue;
      const provider = await startProvider(...measured, env);
      const pid = provider.child.pid!;
      if (callgrindDir) callgrindDump(callgrindDir, pid, 'start');
      // Per method: cold (round 0) and the warm rounds' figures: the second half of the rounds (V8 still optimizes in the
      // first ones), CPU as a mean, instructions as a median and a minimum (a major GC lands on one batch or another).
      const firstWarm = Math.max(1, Math.ceil(warmRounds / 2));
      const cold: Record<string, { cpu: number; latency: number; instructions?: number }> = {};
      const warm: Record<string, { cpu: number[]; latency: number[]; instructions: number[] }> = {};
      for (let round = 0; round <= warmRounds; round += 1) {
        for (const [method, list] of Object.entries(requests)) {
          const cpuBefore = processCpuMs(pid);
          const latencies = await batch(provider.session, method, list, method === 'ConfigureProvider' ? 1 : parallelism);
          const cpuPerRpc = (processCpuMs(pid) - cpuBefore) / list.length;
          const instructions = callgrindDir ? callgrindDump(callgrindDir, pid, `${parallelism}-${round}-${method}`) / list.length : undefined;
          if (round === 0) cold[method] = { cpu: cpuPerRpc, latency: median(latencies), instructions };
          else if (round >= firstWarm) {
            warm[method] ??= { cpu: [], latency: [], instructions: [] };
            warm[method].cpu.push(cpuPerRpc);
            warm[method].latency.push(median(latencies));
            if (instructions !== undefined) warm[method].instructions.push(instructions);
          }
        }
      }
      const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
      const row = (label: string, method: string, cpu: number, latency: number, instructions: number | undefined, least?: number) =>
        `  ${label.padEnd(5)} ${method.padEnd(24)} CPU ${cpu.toFixed(3).padStart(7)} ms/RPC   latency median ${latency.toFixed(2).padStart(6)} ms` +
        (instructions === undefined ? '' : `   ${(instructions / 1000).toFixed(1).padStart(8)} K instr/RPC`) +
        (least === undefined ? '' : ` (least ${(least / 1000).toFixed(1)} K)`);
      const rows = [
        ...Object.entries(cold).map(([method, figures]) => row('cold', method, figures.cpu, figures.latency, figures.instructions)),
        ...Object.entries(warm).map(([method, figures]) =>
          figures.instructions.length
            ? row('warm', method, mean(figures.cpu), median(figures.latency), median(figures.instructions), Math.min(...figures.instructions))
            : row('warm', method, mean(figures.cpu), median(figures.latency), undefined),
        ),
      ];
      console.log(`${real ? 'elasticpath' : path.basename(target)}: parallelism ${parallelism}, batches of ${COUNT} (cold: a fresh process's first batch; warm: rounds ${firstWarm}-${warmRounds}):`);
      for (const row of rows) console.log(row);
      provider.session.close();
      provider.child.kill();
      await new Promise((resolve) => provider.child.once('exit', resolve));
    }
  } finally {
    await emulator.close();
  }
  console.log(`load ${load.toFixed(1)} -> ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores; CPU in 10 ms clock ticks, so a cold batch's figure is coarse`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.stack : error);
    process.exit(1);
  });
}
