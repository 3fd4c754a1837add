/**
 * Access tokens that live only a few calls: a call refused for an expired token renews it, and
 * when its retry is refused because the renewed token died in between (other calls running at
 * the same time used it up), it renews again rather than failing. The emulators refuse each
 * token on its Nth call (`POST /__admin/tokens/expire {"onRequest": N}`), counted in calls so
 * the expiries land at the same points however loaded the machine is.
 */
import { ElasticPathClient } from '../../api/elasticpath';
import { SendcloudClient } from '../../api/sendcloud';
import { startElasticPathEmulator, startSendcloudEmulator, type RunningElasticPathEmulator, type RunningSendcloudEmulator } from '../../src/emulators';

/** Calls sent at once, as Terraform sends several resources' calls at once. */
const CONCURRENT_CALLS = 6;

let ep: RunningElasticPathEmulator;
let sc: RunningSendcloudEmulator;

beforeAll(async () => {
  [ep, sc] = await Promise.all([startElasticPathEmulator(), startSendcloudEmulator()]);
});

afterAll(async () => {
  await Promise.all([ep.close(), sc.close()]);
});

beforeEach(async () => {
  await Promise.all([ep.admin.reset(), sc.admin.reset()]);
});

const range = (count: number) => Array.from({ length: count }, (_, index) => index);

describe.each([2, 3])('tokens refused on their call number %i', (onRequest) => {
  test('an Elastic Path lifecycle (create, list, read, update, delete, each several at once) succeeds', async () => {
    await ep.admin.expireTokensOnRequest(onRequest);
    const client = new ElasticPathClient({ baseUrl: ep.url, clientId: ep.clientId, clientSecret: ep.clientSecret, maxAttempts: 1 });

    const created = await Promise.all(
      range(CONCURRENT_CALLS).map((index) =>
        client.createIntegration({ name: `renewed-${index}`, integration_type: 'webhook', enabled: true, observes: ['order.paid'], configuration: { url: `https://hooks.example.com/${index}` } }),
      ),
    );
    expect((await client.listIntegrations()).map((integration) => integration.name).sort()).toEqual(range(CONCURRENT_CALLS).map((index) => `renewed-${index}`).sort());
    await Promise.all(created.map((integration) => client.getIntegration(integration.id)));
    const updated = await Promise.all(created.map((integration) => client.updateIntegration(integration.id, { enabled: false })));
    expect(updated.map((integration) => integration.enabled)).toEqual(created.map(() => false));
    await Promise.all(created.map((integration) => client.deleteIntegration(integration.id)));

    expect(await client.listIntegrations()).toEqual([]);
    expect((await ep.admin.tokens()).expiredOnRequest).toBeGreaterThan(CONCURRENT_CALLS);
  });

  test('a Sendcloud OAuth2 lifecycle (list, read, update, delete, each several at once) succeeds', async () => {
    await sc.admin.expireTokensOnRequest(onRequest);
    const client = new SendcloudClient({
      baseUrl: sc.url,
      oauth: { clientId: sc.oauthClientId, clientSecret: sc.oauthClientSecret, tokenUrl: sc.tokenUrl },
      maxAttempts: 1,
    });

    const ids = (await client.listIntegrations()).map((integration) => integration.id);
    expect(ids.length).toBeGreaterThan(1);
    const calls = (each: (id: number) => Promise<unknown>) => Promise.all(range(CONCURRENT_CALLS).map((index) => each(ids[index % ids.length]!)));
    await calls((id) => client.getIntegration(id));
    await calls((id) => client.updateIntegration(id, { shop_name: `Renewed ${id}` }));
    expect((await client.listIntegrations()).map((integration) => integration.shop_name)).toEqual(ids.map((id) => `Renewed ${id}`));
    await Promise.all(ids.map((id) => client.deleteIntegration(id)));

    expect(await client.listIntegrations()).toEqual([]);
    expect((await sc.admin.tokens()).expiredOnRequest).toBeGreaterThan(CONCURRENT_CALLS);
  });
});
