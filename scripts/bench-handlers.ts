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
import type { PlainObject } from '../provider/framework/types';
import { schemaType } from '../provider/protocol/codec/types';
import { encodeMsgpack, decodeMsgpack } from '../provider/protocol/codec/msgpack';
import { providerHandlers } from '../provider/protocol/provider-service';
import { elasticPathProvider } from '../provider/elasticpath/provider';
import { echoProvider } from './echo-provider';
import { integrationsConfig } from './bench-harness';
import { startElasticPathEmulator } from '../src/emulators';

const TYPE_NAME = 'elasticpath_integration';
const COUNT = 100;

function optionValue(args: string[], name: string): string | undefined {
  const index = args.indexOf(name);
  return index === -1 ? undefined : args[index + 1];
}

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
  const resource = elasticPathProvider.resources.find((candidate) => candidate.typeName === TYPE_NAME)!;
  const type = schemaType(resource.schema);
  const providerConfig = { msgpack: encodeMsgpack({}, schemaType(elasticPathProvider.schema)) };
  const configure = async () => {
    const answer = (await handlers.ConfigureProvider({ terraform_version: '1.11.4', config: providerConfig })) as { diagnostics: unknown[] };
    if (answer.diagnostics.length) throw new Error(JSON.stringify(answer.diagnostics));
  };
  await configure();
  const configs = Object.values((integrationsConfig(COUNT) as { resource: Record<string, Record<string, PlainObject>> }).resource[TYPE_NAME]);
  const configValues = configs.map((config) => ({ msgpack: encodeMsgpack(config, type) }));
  const states: { msgpack: Uint8Array; private: Uint8Array; json: Uint8Array }[] = [];
  for (const config of configValues) {
    const none = { msgpack: encodeMsgpack(null, type) };
    const planned = (await handlers.PlanResourceChange({ type_name: TYPE_NAME, config, proposed_new_state: config, prior_state: none })) as any;
    const applied = (await handlers.ApplyResourceChange({ type_name: TYPE_NAME, config, planned_state: planned.planned_state, planned_private: planned.planned_private, prior_state: none })) as any;
    if (applied.diagnostics.length) throw new Error(JSON.stringify(applied.diagnostics));
    states.push({ msgpack: applied.new_state.msgpack, private: applied.private ?? new Uint8Array(), json: Buffer.from(JSON.stringify(decodeMsgpack(applied.new_state.msgpack, type))) });
  }
  // A fresh configuration, as a plan's launch has: its first reads list the store.
  await configure();
  const requests: Record<string, object[]> = {
    ValidateResourceConfig: configValues.map((config) => ({ type_name: TYPE_NAME, config, client_capabilities: { write_only_attributes_allowed: true } })),
    UpgradeResourceState: states.map((state) => ({ type_name: TYPE_NAME, version: 0, raw_state: { json: state.json } })),
    ReadResource: states.map((state) => ({ type_name: TYPE_NAME, current_state: { msgpack: state.msgpack }, private: state.private })),
    PlanResourceChange: states.map((state, index) => ({
      type_name: TYPE_NAME,
      config: configValues[index],
      prior_state: { msgpack: state.msgpack },
      proposed_new_state: { msgpack: state.msgpack },
      prior_private: state.private,
    })),
  };
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
