import { assertResponseMatchesSpec, requestSpecErrors, type SpecName } from './contract';

/*
 * Tiny fetch-based callers for the emulator tests. Every API answer goes through the
 * contract check, and every request body is checked against the spec's request schema
 * unless the test says it is meant to be invalid.
 */

export interface HttpResult {
  status: number;
  headers: Headers;
  text: string;
  json: any;
}

export async function http(url: string, init: RequestInit = {}): Promise<HttpResult> {
  const response = await fetch(url, init);
  const text = await response.text();
  let json: unknown;
  try {
    json = text === '' ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

export function basicAuth(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

export function form(fields: Record<string, string>): RequestInit {
  return {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  };
}

/** `valid`: the body must satisfy the spec; `invalid`: it must not; `unchecked`: the spec cannot express the rule. */
export type RequestExpectation = 'valid' | 'invalid' | 'unchecked';

export interface ApiCallOptions {
  headers?: Record<string, string>;
  request?: RequestExpectation;
  /** Raw body text, sent as is (for malformed JSON). */
  rawBody?: string;
}

export class ContractClient {
  constructor(
    private readonly baseUrl: string,
    private readonly spec: SpecName,
    private readonly apiPrefix: string,
    private readonly templateFor: (path: string) => string,
    private readonly defaultHeaders: () => Record<string, string>,
  ) {}

  async call(method: string, path: string, body?: unknown, options: ApiCallOptions = {}): Promise<HttpResult> {
    const template = this.templateFor(path.split('?')[0]);
    if (body !== undefined && options.rawBody === undefined) {
      const errors = requestSpecErrors(this.spec, method, template, body);
      const expectation = options.request ?? 'valid';
      if (expectation === 'valid' && errors.length > 0) {
        throw new Error(`test request violates the ${this.spec} spec: ${errors.join('; ')}`);
      }
      if (expectation === 'invalid' && errors.length === 0) {
        throw new Error(`test request was meant to violate the ${this.spec} spec but satisfies it`);
      }
    }
    const headers: Record<string, string> = { ...this.defaultHeaders(), ...options.headers };
    let payload: string | undefined = options.rawBody;
    if (payload === undefined && body !== undefined) payload = JSON.stringify(body);
    if (payload !== undefined) headers['content-type'] ??= 'application/json';
    const result = await http(`${this.baseUrl}${this.apiPrefix}${path}`, { method, headers, body: payload });
    assertResponseMatchesSpec(this.spec, method, template, result.status, result.text);
    return result;
  }
}

export function elasticPathTemplate(path: string): string {
  return path === '/integrations' ? '/integrations' : '/integrations/{integration_uuid}';
}

export function sendcloudTemplate(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  return trimmed === '/integrations' ? '/integrations' : '/integrations/{id}';
}

/** A clock the test moves by hand. */
export class ManualClock {
  constructor(public nowMs = Date.UTC(2025, 0, 1, 12, 0, 0)) {}
  readonly now = (): number => this.nowMs;
  advanceSeconds(seconds: number): void {
    this.nowMs += seconds * 1000;
  }
}

export async function elasticPathToken(baseUrl: string, clientId: string, clientSecret: string): Promise<string> {
  const result = await http(`${baseUrl}/oauth/access_token`, form({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }));
  assertResponseMatchesSpec('elasticpath-auth', 'POST', '/oauth/access_token', result.status, result.text);
  if (result.status !== 200) throw new Error(`token request failed with ${result.status}`);
  return result.json.access_token as string;
}

export { assertResponseMatchesSpec, requestSpecErrors };
