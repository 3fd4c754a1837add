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
 * same protocol can be given, with `--exec` for an executable run without `node`. Node options for
 * the provider go in BENCH_RPC_NODE_ARGS, e.g. `--cpu-prof --cpu-prof-dir=/tmp/rpc-profiles`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
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

const TYPE_NAME = 'elasticpath_integration';
const COUNT = 100;
const WARM_ROUNDS = 5;
const CLOCK_TICKS_PER_SECOND = 100;
const CALLGRIND_ROUNDS = 5;

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

async function startProvider(command: string, args: string[]): Promise<RunningProvider> {
  const child = spawn(command, args, {
    env: { PATH: process.env.PATH, NODE_EXTRA_CA_CERTS: '' },
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

/** The RPCs a no-op plan sends for 100 integrations, their values encoded as Terraform encodes them. */
async function planRequests(session: http2.ClientHttp2Session): Promise<Record<string, object[]>> {
  const resource = elasticPathProvider.resources.find((candidate) => candidate.typeName === TYPE_NAME)!;
  const type = schemaType(resource.schema);
  const configs = Object.values((integrationsConfig(COUNT) as { resource: Record<string, Record<string, PlainObject>> }).resource[TYPE_NAME]);
  const states: Buffer[] = [];
  const configValues = configs.map((config) => ({ msgpack: encodeMsgpack(config, type) }));
  for (const config of configValues) {
    // The state a create leaves, from the echo provider itself: plan, then apply.
    const planned = (await call(session, 'PlanResourceChange', { type_name: TYPE_NAME, config, proposed_new_state: config, prior_state: { msgpack: encodeMsgpack(null, type) } })).response;
    const applied = (await call(session, 'ApplyResourceChange', { type_name: TYPE_NAME, config, planned_state: planned.planned_state, prior_state: { msgpack: encodeMsgpack(null, type) } })).response;
    decodeMsgpack(applied.new_state.msgpack, type);
    states.push(applied.new_state.msgpack);
  }
  return {
    ValidateResourceConfig: configValues.map((config) => ({ type_name: TYPE_NAME, config })),
    ReadResource: states.map((state) => ({ type_name: TYPE_NAME, current_state: { msgpack: state } })),
    PlanResourceChange: states.map((state, index) => ({ type_name: TYPE_NAME, config: configValues[index], prior_state: { msgpack: state }, proposed_new_state: { msgpack: state } })),
  };
}

/** Runs the plan's RPCs one at a time, `rounds` times, on a provider under callgrind; resolves with its total instructions. */
async function instructionsAfter(launch: [string, string[]], requests: Record<string, object[]>, rounds: number): Promise<number> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-rpc-callgrind-'));
  const out = path.join(dir, 'callgrind.out');
  const provider = await startProvider('valgrind', ['--tool=callgrind', '--smc-check=all-non-file', `--callgrind-out-file=${out}`, launch[0], ...launch[1]]);
  for (let round = 0; round < rounds; round += 1) {
    for (const [method, list] of Object.entries(requests)) for (const request of list) await call(provider.session, method, request);
  }
  provider.session.close();
  const exited = new Promise((resolve) => provider.child.once('exit', resolve));
  provider.child.kill('SIGTERM');
  await exited;
  const totals = /^(?:totals|summary): (\d+)/m.exec(fs.readFileSync(out, 'utf8'));
  fs.rmSync(dir, { recursive: true, force: true });
  if (!totals) throw new Error('callgrind wrote no totals');
  return Number(totals[1]);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const asExecutable = args.includes('--exec');
  const target = args.find((argument) => !argument.startsWith('--')) ?? path.join(__dirname, '..', 'dist', 'echo-provider.js');
  const nodeOptions = (process.env.BENCH_RPC_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const launch: [string, string[]] = asExecutable ? [target, ['--reattach']] : [process.execPath, [...nodeOptions, target, 'elasticpath', '--reattach']];
  const load = os.loadavg()[0];

  // The requests are made on a first process (its ApplyResourceChange answers give the states).
  const maker = await startProvider(...launch);
  const requests = await planRequests(maker.session);
  maker.session.close();
  maker.child.kill();

  if (args.includes('--callgrind')) {
    const perRound = Object.values(requests).reduce((sum, list) => sum + list.length, 0);
    const [base, more] = await Promise.all([instructionsAfter(launch, requests, WARM_ROUNDS), instructionsAfter(launch, requests, WARM_ROUNDS + CALLGRIND_ROUNDS)]);
    const perRpc = (more - base) / (CALLGRIND_ROUNDS * perRound);
    console.log(`callgrind: ${(perRpc / 1000).toFixed(1)} K instructions per warm RPC, one at a time (${CALLGRIND_ROUNDS * perRound} RPCs after ${WARM_ROUNDS} rounds of ${perRound}; totals ${(base / 1e6).toFixed(1)} M / ${(more / 1e6).toFixed(1)} M)`);
    return;
  }

  for (const parallelism of [10, 1]) {
    const provider = await startProvider(...launch);
    const pid = provider.child.pid!;
    const rows: string[] = [];
    for (let round = 0; round <= WARM_ROUNDS; round += 1) {
      for (const [method, list] of Object.entries(requests)) {
        const cpuBefore = processCpuMs(pid);
        const latencies = await batch(provider.session, method, list, parallelism);
        const cpuPerRpc = (processCpuMs(pid) - cpuBefore) / list.length;
        if (round === 0 || round === WARM_ROUNDS) {
          rows.push(
            `  ${(round === 0 ? 'cold' : 'warm').padEnd(5)} ${method.padEnd(24)} CPU ${cpuPerRpc.toFixed(3).padStart(7)} ms/RPC   latency median ${median(latencies).toFixed(2).padStart(6)} ms`,
          );
        }
      }
    }
    console.log(`parallelism ${parallelism}, batches of ${COUNT} (cold: a fresh process's first batch; warm: after ${WARM_ROUNDS} rounds):`);
    for (const row of rows) console.log(row);
    provider.session.close();
    provider.child.kill();
  }
  console.log(`load ${load.toFixed(1)} -> ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores; CPU in 10 ms clock ticks, so a cold batch's figure is coarse`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
