/**
 * Warm providers (one long-lived process per provider, reached through
 * TF_REATTACH_PROVIDERS) must give the report a normal launch gives, also when a stack
 * configures the same provider twice: an aliased Elastic Path provider for a second store.
 */
import { detectDrift } from '../../src/drift/detect';
import { type RunningElasticPathEmulator, startElasticPathEmulator } from '../../src/emulators';
import { startWarmProviders } from '../../src/providers/warm';
import { type DriftEmulators, DriftApp, startDriftEmulators } from './support';

const STACK = 'stores';

let emulators: DriftEmulators;
let secondStore: RunningElasticPathEmulator;
let app: DriftApp;

beforeAll(async () => {
  emulators = await startDriftEmulators();
  // The aliased provider reads the same ELASTICPATH_CLIENT_* variables: the second store accepts them too.
  secondStore = await startElasticPathEmulator({ clientSecret: emulators.elasticpath.clientSecret });
  app = DriftApp.create({
    stacks: [
      {
        name: STACK,
        elasticpathAliases: [{ alias: 'eu', apiBaseUrl: secondStore.url }],
        elasticpath: [
          { id: 'us-hook', name: 'US hook', observes: ['order.paid'], type: 'webhook', configuration: { url: 'https://hooks.example.com/us' } },
          {
            id: 'eu-hook',
            name: 'EU hook',
            providerAlias: 'eu',
            observes: ['order.paid'],
            type: 'webhook',
            configuration: { url: 'https://hooks.example.com/eu' },
          },
        ],
        sendcloud: [],
      },
    ],
  });
  await app.deploy(emulators.env, [STACK]);
});

afterAll(async () => {
  app?.cleanup();
  await secondStore?.close();
  await emulators?.close();
});

test('each store holds its own integration after deploy', async () => {
  const names = async (store: RunningElasticPathEmulator) => (await store.admin.integrations()).map((i) => i.name);
  expect(await names(emulators.elasticpath)).toEqual(['US hook']);
  expect(await names(secondStore)).toEqual(['EU hook']);
});

test('a stack with two configurations of one provider: warm providers report what launched providers report', async () => {
  const launched = await detectDrift({ appDir: app.dir, env: emulators.env });
  expect(launched).toEqual({ inSync: true, stacks: [{ name: STACK, resources: [] }] });

  const warm = await startWarmProviders({ env: emulators.env });
  try {
    const reattached = await detectDrift({ appDir: app.dir, env: { ...emulators.env, ...warm.env }, skipSynth: true });
    expect(reattached).toEqual(launched);
  } finally {
    await warm.close();
  }
});
