/**
 * What the RPC handlers cost above the wire (`node scripts/run-ts.js scripts/bench-handlers.ts
 * [--echo] [--iterations N] [--only METHOD]`): the elasticpath provider's handlers (or the echo
 * provider's, `--echo`) called in this process with the requests of a no-op plan of 100
 * `elasticpath_integration`s (ValidateResourceConfig, UpgradeResourceState, ReadResource,
 * PlanResourceChange), against an Elastic Path emulator running here too. No gRPC, no protobuf:
 * only the conversions, the framework and the resource code.
 *
 * It prints CPU µs per call (process.cpuUsage over N rounds of 100 after 3 rounds of warm-up).
 * For instructions, run it under callgrind twice, with `--iterations N` and `--iterations 0`:
 * the difference over N × 100 is the instructions of one call, warm (a round 0 run with
 * `--warmup 0 --iterations 1` against `--iterations 0` gives the first, cold, round).
 */
import { providerHandlers } from '../provider/protocol/provider-service';
import { elasticPathProvider } from '../provider/elasticpath/provider';
import { echoProvider } from './echo-provider';
import { noOpPlanRequests, optionValue } from './bench-rpc';
import { startElasticPathEmulator } from '../src/emulators';

const COUNT = 100;

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const iterations = Number(optionValue(args, '--iterations') ?? 20);
  const warmup = Number(optionValue(args, '--warmup') ?? 3);
  const only = optionValue(args, '--only');
  const emulator = await startElasticPathEmulator();
  process.env.ELASTICPATH_API_BASE_URL = emulator.url;
  process.env.ELASTICPATH_CLIENT_ID = emulator.clientId;
  process.env.ELASTICPATH_CLIENT_SECRET = emulator.clientSecret;
  const provider = args.includes('--echo') ? echoProvider(elasticPathProvider) : elasticPathProvider;
  const handlers = providerHandlers(provider);
  const { ConfigureProvider: configure, ...requests } = await noOpPlanRequests(async (method, request) => handlers[method](request));
  // A fresh configuration, as a plan's launch has: its first reads list the store.
  const configured = (await handlers.ConfigureProvider(configure[0])) as { diagnostics: unknown[] };
  if (configured.diagnostics.length) throw new Error(JSON.stringify(configured.diagnostics));
  const methods = Object.keys(requests).filter((method) => !only || method === only);
  // Ten at a time, as Terraform sends them.
  const round = async (method: string) => {
    const list = requests[method];
    for (let start = 0; start < list.length; start += 10) {
      const answers = (await Promise.all(list.slice(start, start + 10).map((request) => handlers[method](request)))) as { diagnostics: unknown[] }[];
      for (const answer of answers) if (answer.diagnostics.length) throw new Error(`${method}: ${JSON.stringify(answer.diagnostics)}`);
    }
  };
  for (let index = 0; index < warmup; index += 1) for (const method of methods) await round(method);
  for (const method of methods) {
    const before = process.cpuUsage();
    for (let index = 0; index < iterations; index += 1) await round(method);
    const used = process.cpuUsage(before);
    if (iterations > 0) console.log(`${method.padEnd(24)} ${((used.user + used.system) / (iterations * COUNT)).toFixed(2).padStart(8)} µs CPU/call`);
  }
  await emulator.close();
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
