import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { assertResponseMatchesSpec, queryParameterErrors, requestSpecErrors, sendcloudPathTemplate } from './contract';

/*
 * A proxy between a Sendcloud client (the API client, or a provider run by terraform) and the
 * emulator that checks every API exchange against the vendor's spec: the query string, the
 * request body and the answer. Problems are collected, not thrown, so a test asserts
 * `violations` is empty after the run. Token and admin calls pass unchecked.
 */
export interface ValidatingProxy {
  url: string;
  /** One line per spec violation seen so far. */
  violations: string[];
  /** "METHOD template status" per checked exchange. */
  exchanges: string[];
  close(): Promise<void>;
}

export async function startSendcloudValidatingProxy(targetUrl: string): Promise<ValidatingProxy> {
  const violations: string[] = [];
  const exchanges: string[] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      void (async () => {
        const body = Buffer.concat(chunks);
        const headers = Object.fromEntries(
          Object.entries(request.headers).filter(([key, value]) => typeof value === 'string' && key !== 'host' && key !== 'content-length'),
        ) as Record<string, string>;
        const answer = await fetch(`${targetUrl}${request.url}`, { method: request.method, headers, body: body.length > 0 ? body : undefined });
        const text = await answer.text();
        const url = new URL(request.url ?? '/', 'http://proxy');
        const version = /^\/api\/(v[23])\//.exec(url.pathname)?.[1];
        if (version) {
          const spec = version === 'v3' ? 'sendcloud-v3' : 'sendcloud-v2';
          const template = sendcloudPathTemplate(url.pathname);
          const method = request.method ?? 'GET';
          const where = `${method} ${url.pathname}${url.search}`;
          exchanges.push(`${method} ${version}${template} ${answer.status}`);
          try {
            const strict = !(version === 'v2' && template.endsWith('/logs'));
            for (const problem of queryParameterErrors(spec, method, template, url.searchParams, strict)) violations.push(`${where}: ${problem}`);
            if (body.length > 0) {
              for (const problem of requestSpecErrors(spec, method, template, JSON.parse(body.toString('utf8')))) violations.push(`${where} request body: ${problem}`);
            }
            assertResponseMatchesSpec(spec, method, template, answer.status, text);
          } catch (error) {
            violations.push(`${where}: ${(error as Error).message}`);
          }
        }
        const outHeaders: Record<string, string> = {};
        answer.headers.forEach((value, key) => {
          if (key !== 'content-length' && key !== 'transfer-encoding' && key !== 'connection') outHeaders[key] = value;
        });
        // Paging links name the emulator; the client must come back through the proxy.
        if (outHeaders.link) outHeaders.link = outHeaders.link.split(targetUrl).join(proxyUrl);
        const rewritten = text.split(JSON.stringify(targetUrl).slice(1, -1)).join(proxyUrl);
        response.writeHead(answer.status, outHeaders);
        response.end(rewritten);
      })().catch((error: unknown) => {
        violations.push(`proxy failure: ${(error as Error).message}`);
        response.writeHead(599);
        response.end();
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const proxyUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: proxyUrl,
    violations,
    exchanges,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
