/**
 * A webhook receiver on 127.0.0.1 for tests: records every request (headers and raw body) and
 * answers with the status the test sets.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  rawBody: string;
  json: any;
}

export interface TestReceiver {
  url: string;
  received: ReceivedRequest[];
  /** The status the next answers carry; 'hang' never answers. */
  answer: number | 'hang';
  /** Resolves once `count` requests have arrived. */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedRequest[]>;
  close(): Promise<void>;
}

export async function startReceiver(): Promise<TestReceiver> {
  const waiters: { count: number; resolve: () => void }[] = [];
  const receiver: TestReceiver = {
    url: '',
    received: [],
    answer: 200,
    async waitFor(count, timeoutMs = 20_000) {
      if (receiver.received.length < count) {
        await new Promise<void>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`the receiver got ${receiver.received.length} of ${count} requests`)), timeoutMs);
          waiters.push({ count, resolve: () => (clearTimeout(timer), resolve()) });
        });
      }
      return receiver.received;
    },
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const rawBody = Buffer.concat(chunks).toString('utf8');
      let json: unknown;
      try {
        json = JSON.parse(rawBody);
      } catch {
        json = undefined;
      }
      receiver.received.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, rawBody, json });
      for (const waiter of waiters.filter((w) => receiver.received.length >= w.count)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
      if (receiver.answer === 'hang') return;
      res.writeHead(receiver.answer, { 'content-type': 'text/plain' });
      res.end(receiver.answer >= 200 && receiver.answer < 300 ? 'ok' : 'receiver is broken');
    });
  });
  server.keepAliveTimeout = 500;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return receiver;
}
