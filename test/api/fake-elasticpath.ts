import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson, startServer, type RecordedRequest, type TestServer } from './helpers';

/** Just enough of Elastic Path for client tests; behaviour is switched per test. */
export interface FakeElasticPathOptions {
  clientId?: string;
  clientSecret?: string;
  /** Token lifetime in seconds. */
  tokenLifetimeSeconds?: number;
  /** The server's clock, in ms (lets tests line the token expiry up with a fake client clock). */
  now?: () => number;
  /** Answer every list request with everything, ignoring page[limit]/page[offset]. */
  ignorePaging?: boolean;
  /** Leave meta.results.total and meta.page out of list answers. */
  omitTotals?: boolean;
  /** Status for successful creates. */
  createStatus?: 200 | 201;
  /** Status for successful deletes. */
  deleteStatus?: 200 | 204;
  /**
   * Called for each create; returning 'commit-then-drop' stores the object and destroys
   * the socket without answering, 'drop' destroys it without storing.
   */
  onCreate?: (attempt: number) => 'answer' | 'commit-then-drop' | 'drop';
}

export interface FakeElasticPath {
  server: TestServer;
  url: string;
  integrations: Map<string, Record<string, unknown>>;
  tokensIssued: number;
  revokeAllTokens(): void;
  apiRequests(): RecordedRequest[];
  tokenRequests(): RecordedRequest[];
  close(): Promise<void>;
}

export async function startFakeElasticPath(options: FakeElasticPathOptions = {}): Promise<FakeElasticPath> {
  const clientId = options.clientId ?? 'client-id-1';
  const clientSecret = options.clientSecret ?? 'client-secret-XYZ987';
  const now = options.now ?? Date.now;
  const integrations = new Map<string, Record<string, unknown>>();
  const validTokens = new Set<string>();
  let creates = 0;
  const state = { tokensIssued: 0 };

  const handle = (req: RecordedRequest, res: ServerResponse, raw: IncomingMessage) => {
    if (req.path === '/oauth/access_token' && req.method === 'POST') {
      const form = new URLSearchParams(req.body);
      if (form.get('grant_type') !== 'client_credentials' || form.get('client_id') !== clientId || form.get('client_secret') !== clientSecret) {
        sendJson(res, 401, { errors: [{ title: 'Unauthorized', status: '401', detail: 'Unauthorized' }] });
        return;
      }
      state.tokensIssued++;
      const token = `tok-${state.tokensIssued}-${randomUUID()}`;
      validTokens.add(token);
      const lifetime = options.tokenLifetimeSeconds ?? 3600;
      sendJson(res, 200, {
        access_token: token,
        token_type: 'Bearer',
        identifier: 'client_credentials',
        expires_in: lifetime,
        expires: Math.floor(now() / 1000) + lifetime,
      });
      return;
    }
    const auth = req.headers.authorization ?? '';
    if (!auth.startsWith('Bearer ') || !validTokens.has(auth.slice(7))) {
      sendJson(res, 401, { errors: [{ title: 'Unauthorized', status: 401, detail: 'Unauthorized' }] });
      return;
    }
    if (req.path === '/v2/integrations' && req.method === 'GET') {
      const all = [...integrations.values()];
      const limit = Number(req.query.get('page[limit]') ?? 25);
      const offset = Number(req.query.get('page[offset]') ?? 0);
      const page = options.ignorePaging ? all : all.slice(offset, offset + limit);
      sendJson(res, 200, {
        data: page,
        links: {},
        meta: options.omitTotals
          ? {}
          : {
              page: { limit, offset, current: Math.floor(offset / limit) + 1, total: Math.max(1, Math.ceil(all.length / limit)) },
              results: { total: all.length },
            },
      });
      return;
    }
    if (req.path === '/v2/integrations' && req.method === 'POST') {
      creates++;
      const behaviour = options.onCreate?.(creates) ?? 'answer';
      if (behaviour === 'drop') {
        raw.socket.destroy();
        return;
      }
      const data = (JSON.parse(req.body) as { data: Record<string, unknown> }).data;
      const id = randomUUID();
      const stamp = new Date(now()).toISOString();
      const stored = { ...data, id, type: 'integration', links: { self: `/v2/integrations/${id}` }, meta: { timestamps: { created_at: stamp, updated_at: stamp } } };
      integrations.set(id, stored);
      if (behaviour === 'commit-then-drop') {
        raw.socket.destroy();
        return;
      }
      sendJson(res, options.createStatus ?? 201, { data: stored });
      return;
    }
    const match = /^\/v2\/integrations\/([^/]+)$/.exec(req.path);
    if (match) {
      const id = decodeURIComponent(match[1]!);
      const existing = integrations.get(id);
      if (!existing) {
        sendJson(res, 404, { errors: [{ title: 'Not Found', status: 404, detail: 'The resource could not be found' }] });
        return;
      }
      if (req.method === 'GET') return sendJson(res, 200, { data: existing });
      if (req.method === 'PUT') {
        const data = (JSON.parse(req.body) as { data: Record<string, unknown> }).data;
        const updated = {
          ...existing,
          ...data,
          configuration: { ...(existing.configuration as object), ...((data.configuration as object) ?? {}) },
        };
        integrations.set(id, updated);
        return sendJson(res, 200, { data: updated });
      }
      if (req.method === 'DELETE') {
        integrations.delete(id);
        res.writeHead(options.deleteStatus ?? 204);
        res.end();
        return;
      }
    }
    sendJson(res, 404, { errors: [{ title: 'Not Found', status: 404 }] });
  };

  const server = await startServer(handle);
  return {
    server,
    url: server.url,
    integrations,
    get tokensIssued() {
      return state.tokensIssued;
    },
    revokeAllTokens: () => validTokens.clear(),
    apiRequests: () => server.requests.filter((r) => r.path !== '/oauth/access_token'),
    tokenRequests: () => server.requests.filter((r) => r.path === '/oauth/access_token'),
    close: () => server.close(),
  };
}

/** Stores `count` webhook integrations named integration-000... */
export function seedIntegrations(fake: FakeElasticPath, count: number): void {
  for (let i = 0; i < count; i++) {
    const id = randomUUID();
    fake.integrations.set(id, {
      id,
      type: 'integration',
      name: `integration-${String(i).padStart(3, '0')}`,
      integration_type: 'webhook',
      enabled: true,
      observes: ['order.created'],
      configuration: { url: `https://hooks.example.com/${i}` },
    });
  }
}
