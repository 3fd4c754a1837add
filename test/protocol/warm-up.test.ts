/**
 * The run host's warm-up (provider/protocol/warm-up.ts): it must run every resource's RPC code
 * without reaching an API, and leave the event loop to a launch's real calls between its own.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { elasticPathProvider } from '../../provider/elasticpath/provider';
import { ELASTICPATH_ENVIRONMENT } from '../../provider/elasticpath/schema';
import { SENDCLOUD_ENVIRONMENT } from '../../provider/sendcloud/schema';
import { sendcloudProvider } from '../../provider/sendcloud/provider';
import { warmUp } from '../../provider/protocol/warm-up';

const providers = [elasticPathProvider, sendcloudProvider];

test.each(providers.map((provider) => [provider.typeName, provider] as const))('%s: warms up without a request to anyone', async (_name, provider) => {
  // Every API setting the providers read from the environment points here: a client built from it would show.
  let requests = 0;
  const server = http.createServer((_request, response) => {
    requests += 1;
    response.end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const saved = { ...process.env };
  // Each setting a variable can give: URLs point here, anything else is a placeholder.
  for (const [setting, variable] of Object.entries({ ...ELASTICPATH_ENVIRONMENT, ...SENDCLOUD_ENVIRONMENT })) {
    process.env[variable as string] = /url/.test(setting) ? url : 'placeholder';
  }
  try {
    await warmUp(provider, 2);
    expect(requests).toBe(0);
  } finally {
    process.env = saved;
    server.close();
  }
});

test('a call waiting on the event loop is served between two of its placeholder calls, not after all of them', async () => {
  let servedAt: 'before' | 'during' | 'after' = 'before';
  let finished = false;
  const warming = warmUp(elasticPathProvider, 3).then(() => {
    finished = true;
  });
  // What a launch's RPC arriving now would be: a callback queued behind the warm-up's first call.
  await new Promise<void>((resolve) =>
    setImmediate(() => {
      servedAt = finished ? 'after' : 'during';
      resolve();
    }),
  );
  await warming;
  expect(servedAt).toBe('during');
});
