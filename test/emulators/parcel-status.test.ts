/**
 * The Sendcloud emulator's parcel_status_changed webhook: sent to the integration's webhook_url
 * when the webhook is active, signed so that the receiver helper accepts it and rejects it
 * once the body is changed.
 */
import { verifySendcloudSignature, type SendcloudParcelStatusChanged } from '../../src';
import { startSendcloudEmulator, type RunningSendcloudEmulator } from '../../src/emulators';
import { startReceiver, type TestReceiver } from '../helpers/receiver';

let emulator: RunningSendcloudEmulator;
let receiver: TestReceiver;

beforeEach(async () => {
  receiver = await startReceiver();
  emulator = await startSendcloudEmulator({
    secretKey: 'sc-secret-for-signatures',
    seed: [
      { id: 7, shop_name: 'Active webhook', webhook_active: true, webhook_url: `${receiver.url}/sendcloud` },
      { id: 8, shop_name: 'Inactive webhook', webhook_active: false, webhook_url: `${receiver.url}/sendcloud` },
      { id: 9, shop_name: 'Remote webhook', webhook_active: true, webhook_url: 'https://hooks.example.com/sendcloud' },
    ],
  });
});

afterEach(async () => {
  await emulator.close();
  await receiver.close();
});

test('a parcel status change arrives signed with the secret key; a tampered body fails the check', async () => {
  const sent = await emulator.admin.send('POST', '/parcel-status', { integration_id: 7, status: { id: 11, message: 'Delivered' } });
  expect(sent.status).toBe(200);
  expect(sent.json).toMatchObject({ sent: true, status_code: 200 });

  expect(receiver.received).toHaveLength(1);
  const [request] = receiver.received;
  expect(request.path).toBe('/sendcloud');
  const signature = request.headers['sendcloud-signature'] as string;
  expect(signature).toMatch(/^[0-9a-f]{64}$/);
  expect(verifySendcloudSignature(request.rawBody, signature, 'sc-secret-for-signatures')).toBe(true);
  expect(verifySendcloudSignature(request.rawBody.replace('Delivered', 'Lost'), signature, 'sc-secret-for-signatures')).toBe(false);
  expect(verifySendcloudSignature(request.rawBody, signature, emulator.publicKey)).toBe(false);

  const event = request.json as SendcloudParcelStatusChanged;
  expect(event).toMatchObject({ action: 'parcel_status_changed', timestamp: expect.any(Number), parcel: { status: { id: 11, message: 'Delivered' } } });
  expect(event.parcel.id).toEqual(expect.any(Number));
});

test('an inactive webhook, an unknown integration or a bad body is refused; another host is not called', async () => {
  expect((await emulator.admin.send('POST', '/parcel-status', { integration_id: 8 })).status).toBe(409);
  expect((await emulator.admin.send('POST', '/parcel-status', { integration_id: 404 })).status).toBe(404);
  const bad = await emulator.admin.send('POST', '/parcel-status', { integration_id: '7' });
  expect(bad.status).toBe(400);
  expect(bad.json.error).toMatch(/integration_id/);
  const remote = await emulator.admin.send('POST', '/parcel-status', { integration_id: 9 });
  expect(remote.json).toMatchObject({ sent: false, error: expect.stringContaining('loopback') });
  expect(receiver.received).toHaveLength(0);
});
