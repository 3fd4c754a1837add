/**
 * A webhook receiver for Elastic Path events and Sendcloud parcel status changes, with
 * node:http only. It checks each call before trusting it:
 *   POST /elasticpath   X-MOLTIN-SECRET-KEY must equal the integration's secret_key
 *   POST /sendcloud     Sendcloud-Signature must be the HMAC-SHA256 of the raw body
 * and answers 401 otherwise. Elastic Path delivers at least once, so it drops repeats by event id.
 *
 *   EP_WEBHOOK_SECRET=... SENDCLOUD_SECRET_KEY=... PORT=8787 node scripts/run-ts.js examples/receiver/server.ts
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
// An app of your own imports the same names from 'cdktf-commerce-integrations'.
import {
  type ElasticPathWebhookEvent,
  type SendcloudParcelStatusChanged,
  verifyElasticPathWebhook,
  verifySendcloudSignature,
} from '../../src';

export interface ReceiverOptions {
  port?: number;
  elasticPathSecret: string;
  sendcloudSecret?: string;
  onElasticPathEvent?: (event: ElasticPathWebhookEvent) => void;
  onParcelStatus?: (change: SendcloudParcelStatusChanged) => void;
}

export async function startReceiver(options: ReceiverOptions): Promise<{ url: string; close(): Promise<void> }> {
  const seen = new Set<string>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      // Verify the raw bytes before parsing: re-serialised JSON would not match the signature.
      const rawBody = Buffer.concat(chunks);
      const answer = (status: number, text: string) => res.writeHead(status, { 'content-type': 'text/plain' }).end(text);
      if (req.method !== 'POST') return answer(405, 'POST only');
      if (req.url === '/elasticpath') {
        if (!verifyElasticPathWebhook(req.headers, options.elasticPathSecret)) return answer(401, 'bad secret');
        const event = JSON.parse(rawBody.toString('utf8')) as ElasticPathWebhookEvent;
        if (!seen.has(event.id)) {
          seen.add(event.id);
          options.onElasticPathEvent?.(event);
        }
        return answer(200, 'ok');
      }
      if (req.url === '/sendcloud' && options.sendcloudSecret) {
        if (!verifySendcloudSignature(rawBody, req.headers['sendcloud-signature'], options.sendcloudSecret)) return answer(401, 'bad signature');
        options.onParcelStatus?.(JSON.parse(rawBody.toString('utf8')) as SendcloudParcelStatusChanged);
        return answer(200, 'ok');
      }
      return answer(404, 'no such hook');
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', () => resolve()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

if (require.main === module) {
  const elasticPathSecret = process.env.EP_WEBHOOK_SECRET;
  if (!elasticPathSecret) {
    process.stderr.write('set EP_WEBHOOK_SECRET to the integration\'s secret_key (and SENDCLOUD_SECRET_KEY for Sendcloud)\n');
    process.exit(2);
  }
  startReceiver({
    port: Number(process.env.PORT ?? 8787),
    elasticPathSecret,
    sendcloudSecret: process.env.SENDCLOUD_SECRET_KEY,
    onElasticPathEvent: (event) => console.log(`Elastic Path ${event.triggered_by} (attempt ${event.attempt}) from "${event.integration.name}"`),
    onParcelStatus: (change) => console.log(`Sendcloud parcel ${change.parcel.id}: ${change.parcel.status.message}`),
  }).then(({ url }) => console.log(`receiving on ${url}/elasticpath and ${url}/sendcloud`));
}
