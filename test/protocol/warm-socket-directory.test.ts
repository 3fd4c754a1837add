/** Warm providers' sockets: a private directory each, removed even when the provider is killed outright. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startWarmProviders } from '../../src/providers/warm';

const socketDirectory = (reattach: string, name: string) =>
  path.dirname((JSON.parse(reattach) as Record<string, { Addr: { String: string } }>)[`registry.terraform.io/commerce-iac/${name}`].Addr.String);

async function gone(directory: string): Promise<boolean> {
  for (let attempt = 0; attempt < 50 && fs.existsSync(directory); attempt++) await new Promise((resolve) => setTimeout(resolve, 100));
  return !fs.existsSync(directory);
}

test('each warm provider has a 0700 socket directory, removed on close and after a SIGKILL', async () => {
  const warm = await startWarmProviders({ names: ['elasticpath', 'sendcloud'] });
  try {
    const elasticpath = socketDirectory(warm.env.TF_REATTACH_PROVIDERS, 'elasticpath');
    const sendcloud = socketDirectory(warm.env.TF_REATTACH_PROVIDERS, 'sendcloud');
    expect(elasticpath).not.toBe(sendcloud);
    for (const directory of [elasticpath, sendcloud]) expect(fs.statSync(directory).mode & 0o777).toBe(0o700);

    process.kill(warm.pids.sendcloud!, 'SIGKILL');
    expect(await gone(sendcloud)).toBe(true);
    await warm.close();
    expect(await gone(elasticpath)).toBe(true);
  } finally {
    await warm.close();
  }
});
