/**
 * Reliability 7: with the emulators enforcing the vendors' published limits (Elastic Path 25
 * requests per second, Sendcloud 100 writes per minute), an apply of 100 Elastic Path creates
 * and 20 Sendcloud adoptions completes without a failed resource.
 */
import {
  TF_FLAGS,
  duplicateNames,
  epMismatches,
  epResources,
  readLocalState,
  recordFigures,
  scMismatches,
  scResources,
  sendcloudSeed,
  stateInstances,
  stateVersusRemote,
  terraformConfig,
  useEmulators,
} from './support/harness';

const EP_COUNT = 100;
const SC_IDS = Array.from({ length: 20 }, (_, i) => 5001 + i);
const EP_REQUESTS_PER_SECOND = 25;
const SC_WRITES_PER_MINUTE = 100;

const emulators = useEmulators({ sendcloud: { seed: sendcloudSeed(SC_IDS[0], SC_IDS.length) } });

test(`${EP_COUNT} Elastic Path creates at ${EP_REQUESTS_PER_SECOND} req/s and ${SC_IDS.length} Sendcloud adoptions at ${SC_WRITES_PER_MINUTE} writes/min complete without a failed resource`, async () => {
  const { admin: epAdmin } = emulators.ep;
  const { admin: scAdmin } = emulators.sc;
  await epAdmin.rateLimit(EP_REQUESTS_PER_SECOND);
  await scAdmin.rateLimit(SC_WRITES_PER_MINUTE);
  const elasticpath = epResources('limited', EP_COUNT);
  const sendcloud = scResources(SC_IDS);
  const workspace = await emulators.workspaceWith(terraformConfig({ urls: emulators.urls, elasticpath, sendcloud }));

  const started = Date.now();
  const apply = await workspace.attempt(['apply', ...TF_FLAGS, '-auto-approve']);
  const timeMs = Date.now() - started;
  const [epLog, scLog] = await Promise.all([epAdmin.requests(), scAdmin.requests()]);
  const epRemote = await epAdmin.integrations();
  const scRemote = await scAdmin.integrations();
  const limited = [...epLog, ...scLog].filter((entry) => entry.fault === 'rate-limit');
  const epCalls = epLog.filter((entry) => entry.path.startsWith('/v2/'));
  const epSpanSeconds = (Date.parse(epCalls[epCalls.length - 1].at) - Date.parse(epCalls[0].at)) / 1000;
  recordFigures({
    scenario: `rate limits: EP ${EP_REQUESTS_PER_SECOND} req/s, SC ${SC_WRITES_PER_MINUTE} writes/min (${EP_COUNT} EP + ${SC_IDS.length} SC)`,
    requests: epLog.length + scLog.length,
    faultsInjected: limited.length,
    duplicates: duplicateNames(epRemote).length,
    timeMs,
    applies: 1,
    notes: `${limited.length} answers were 429 from the limiter; ${epCalls.length} EP API calls over ${epSpanSeconds.toFixed(1)} s`,
  });

  expect({ code: apply.code, output: apply.code === 0 ? '' : apply.stdout + apply.stderr }).toEqual({ code: 0, output: '' });
  expect(apply.stdout).toContain(`Apply complete! Resources: ${EP_COUNT + SC_IDS.length} added`);
  expect(duplicateNames(epRemote)).toEqual([]);
  expect(epRemote).toHaveLength(EP_COUNT);
  expect(epMismatches(elasticpath as Record<string, Record<string, unknown>>, epRemote)).toEqual([]);
  expect(scMismatches(sendcloud as Record<string, Record<string, unknown>>, scRemote)).toEqual([]);
  // 100 creates cannot go faster than the limit allows.
  expect(epSpanSeconds).toBeGreaterThanOrEqual(EP_COUNT / EP_REQUESTS_PER_SECOND - 1.5);
  expect(stateVersusRemote(stateInstances(readLocalState(workspace.dir)), epRemote, scRemote)).toEqual({ orphans: [], missing: [], different: [] });

  const plan = await workspace.plan();
  expect({ code: plan.code, output: plan.code === 0 ? '' : plan.stdout }).toEqual({ code: 0, output: '' });
}, 240_000);
