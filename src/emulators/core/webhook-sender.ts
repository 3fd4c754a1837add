import * as http from 'node:http';
import * as https from 'node:https';
import { isIP } from 'node:net';

/*
 * The emulators' outgoing webhook calls. They only call loopback addresses unless whoever
 * started the emulator allows other hosts: an emulator started by a test or a demo must never
 * reach out to a URL someone typed into an integration.
 */

export interface WebhookPost {
  url: string;
  body: string;
  headers: Record<string, string>;
  timeoutMs: number;
  /** Deliver to hosts other than loopback addresses. */
  allowNonLoopback: boolean;
  signal?: AbortSignal;
}

export type WebhookOutcome =
  | { kind: 'answered'; statusCode: number; body: string }
  | { kind: 'timeout' }
  | { kind: 'unreachable'; code: string }
  | { kind: 'refused-host'; host: string };

/** Receiver answers are kept to this many characters in logs. */
const MAX_ANSWER_CHARS = 1000;

/** True for 127.0.0.0/8, ::1 and `localhost`. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  if (isIP(host) === 6) return host === '::1' || host === '0:0:0:0:0:0:0:1' || /^::ffff:127\./.test(host);
  return false;
}

export function refusedHostDetail(host: string): string {
  return (
    `The emulator delivers only to loopback addresses (127.0.0.1, ::1, localhost) and did not call ${host}: ` +
    'start it with allowNonLoopbackDelivery (emulate --allow-external-delivery) to deliver elsewhere'
  );
}

export function postWebhook(post: WebhookPost): Promise<WebhookOutcome> {
  let target: URL;
  try {
    target = new URL(post.url);
  } catch {
    return Promise.resolve({ kind: 'unreachable', code: 'EINVALIDURL' });
  }
  if (!post.allowNonLoopback && !isLoopbackHost(target.hostname)) {
    return Promise.resolve({ kind: 'refused-host', host: target.hostname });
  }
  const transport = target.protocol === 'https:' ? https : http;
  const payload = Buffer.from(post.body, 'utf8');
  return new Promise((resolve) => {
    let settled = false;
    const finish = (outcome: WebhookOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(outcome);
    };
    const request = transport.request(
      target,
      {
        method: 'POST',
        headers: { ...post.headers, 'content-type': 'application/json', 'content-length': String(payload.length) },
        signal: post.signal,
        agent: false,
      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          if (size < MAX_ANSWER_CHARS * 4) chunks.push(chunk);
          size += chunk.length;
        });
        response.on('end', () =>
          finish({ kind: 'answered', statusCode: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8').slice(0, MAX_ANSWER_CHARS) }),
        );
        response.on('error', () => finish({ kind: 'unreachable', code: 'ECONNRESET' }));
      },
    );
    const timer = setTimeout(() => {
      finish({ kind: 'timeout' });
      request.destroy();
    }, post.timeoutMs);
    request.on('error', (error: NodeJS.ErrnoException) => finish({ kind: 'unreachable', code: error.code ?? error.name }));
    request.end(payload);
  });
}
