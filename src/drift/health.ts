/**
 * Delivery health beside drift: for every Elastic Path integration a stack declares (as its
 * Terraform state records it), how many deliveries Elastic Path made since a time, how many
 * attempts failed, and the last failure (status code, error detail, when), from
 * `GET /v2/integrations/{id}/logs`. For every Sendcloud integration, the exception logs
 * Sendcloud recorded since then when it failed to call the shop (`GET /integrations/{id}/logs`):
 * each is a failure. Drift says whether the remote object matches the code;
 * health says whether the events it should deliver arrive. A drift-free integration whose
 * receiver answers 500 is healthy for drift and unhealthy here.
 *
 * Only `drift --health` calls this: without it the drift command makes no extra request.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PROVIDER_SOURCE_PREFIX } from '../../provider/names';
import type { ElasticPathClient, EpIntegrationLog } from '../../api/elasticpath';
import type { SendcloudClient } from '../../api/sendcloud';
import type { SendcloudIntegrationLog } from '../../api/sendcloud-shop';
import {
  ELASTICPATH_ENVIRONMENT,
  INTEGRATION_RESOURCE_TYPE as ELASTICPATH_INTEGRATION_TYPE,
  PROVIDER_SCHEMA as ELASTICPATH_PROVIDER_SCHEMA,
} from '../../provider/elasticpath/schema';
import {
  type ElasticPathCredentials,
  elasticPathClient,
  missingElasticPathSettings,
  readElasticPathSettings,
} from '../../provider/elasticpath/settings';
import { Diagnostics, type PlainObject, type Schema } from '../../provider/framework/types';
import { INTEGRATION_RESOURCE_TYPE as SENDCLOUD_INTEGRATION_TYPE, PROVIDER_SCHEMA as SENDCLOUD_PROVIDER_SCHEMA } from '../../provider/sendcloud/schema';
import { hasSendcloudCredentials, readSendcloudSettings, sendcloudClient, sendcloudCredentialChoices } from '../../provider/sendcloud/settings';
import { constructPathsOf } from './classify';
import { terraform } from './terraform';

export interface CollectHealthOptions {
  /** The CDKTF app's folder, already synthesized and initialised (detectDrift does both). @default process.cwd() */
  appDir?: string;
  /** Only these stacks. @default every stack of the app */
  stacks?: string[];
  /** The environment terraform and the providers get (credentials, TF_VAR_*). */
  env?: NodeJS.ProcessEnv;
  /** Count deliveries from this time on (milliseconds since the epoch). */
  sinceMs: number;
  /** @default "terraform" on the PATH */
  terraformBinary?: string;
}

export interface LastFailure {
  /** Absent when the receiver never answered (timeout, refused connection). */
  statusCode: number | null;
  errorDetail: string | null;
  /** When the failed attempt was made, as the vendor records it. */
  at: string | null;
  /** Elastic Path's attempt number; null for Sendcloud, whose logs have none. */
  attempt: number | null;
}

export interface IntegrationHealth {
  /** Whose integration this is. */
  provider: HealthProvider;
  stack: string;
  /** The Terraform address, e.g. elasticpath_integration.orders. */
  address: string;
  constructPath?: string;
  id: string;
  name: string | null;
  /** Deliveries (jobs) with at least one attempt since the time asked for; null for Sendcloud (its logs record failures only). */
  deliveries: number | null;
  /** Failed attempts since then (Sendcloud: exception logs). */
  failures: number;
  /** Deliveries none of whose attempts succeeded (failed for good, or still being retried); null for Sendcloud. */
  undelivered: number | null;
  lastFailure: LastFailure | null;
  /** Set when the logs could not be read; the integration then counts as unhealthy. */
  error?: string;
}

export interface HealthReport {
  /** RFC 3339. */
  since: string;
  /** No failed attempt and no unreadable logs. */
  healthy: boolean;
  integrations: IntegrationHealth[];
}

export type HealthProvider = 'elasticpath' | 'sendcloud';

type HealthSummary = Pick<IntegrationHealth, 'deliveries' | 'failures' | 'undelivered' | 'lastFailure'>;

/** Per provider: the resource whose state lists its integrations, and how their logs are read. */
const HEALTH_SOURCES: Record<HealthProvider, {
  resourceType: string;
  idAttribute: string;
  nameAttribute: string;
  clientFor(block: Record<string, unknown>, env: NodeJS.ProcessEnv): { summarize(id: string, sinceMs: number): Promise<HealthSummary> } | string;
}> = {
  elasticpath: {
    resourceType: ELASTICPATH_INTEGRATION_TYPE,
    idAttribute: 'id',
    nameAttribute: 'name',
    clientFor(block, env) {
      const client = deliveryLogsClient(block, env);
      if (typeof client === 'string') return client;
      return { summarize: async (id, sinceMs) => summarizeLogs(await client.listIntegrationLogs({ integrationId: id, sinceMs })) };
    },
  },
  sendcloud: {
    resourceType: SENDCLOUD_INTEGRATION_TYPE,
    idAttribute: 'integration_id',
    nameAttribute: 'shop_name',
    clientFor(block, env) {
      const client = exceptionLogsClient(block, env);
      if (typeof client === 'string') return client;
      return { summarize: async (id, sinceMs) => summarizeSendcloudLogs(await client.shop.listLogs({ integrationId: Number(id), sinceMs })) };
    },
  },
};

export async function collectHealth(options: CollectHealthOptions): Promise<HealthReport> {
  const appDir = path.resolve(options.appDir ?? process.cwd());
  const env = { ...process.env, ...options.env };
  const outdir = path.join(appDir, 'cdktf.out');
  const manifestFile = path.join(outdir, 'manifest.json');
  if (!fs.existsSync(manifestFile)) throw new Error(`${manifestFile} does not exist: synthesize the app first`);
  const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as { stacks: Record<string, { name: string; workingDirectory: string; synthesizedStackPath: string }> };
  const stacks = Object.values(manifest.stacks).filter((stack) => !options.stacks?.length || options.stacks.includes(stack.name));

  const integrations: IntegrationHealth[] = [];
  for (const stack of stacks) {
    const cwd = path.join(outdir, stack.workingDirectory);
    const synthesized = JSON.parse(fs.readFileSync(path.join(outdir, stack.synthesizedStackPath), 'utf8')) as SynthesizedStack;
    const pulled = await terraform(['state', 'pull'], { cwd, env, binary: options.terraformBinary });
    const declared = declaredIntegrations(pulled.stdout);
    const constructPaths = constructPathsOf(synthesized);
    const clients = new Map<string, ReturnType<(typeof HEALTH_SOURCES)[HealthProvider]['clientFor']>>();
    for (const integration of declared) {
      const clientKey = `${integration.provider}.${integration.alias}`;
      let client = clients.get(clientKey);
      if (client === undefined) {
        client = HEALTH_SOURCES[integration.provider].clientFor(providerBlock(synthesized, integration.provider, integration.alias), env);
        clients.set(clientKey, client);
      }
      const sendcloud = integration.provider === 'sendcloud';
      const health: IntegrationHealth = {
        provider: integration.provider,
        stack: stack.name,
        address: integration.address,
        ...(constructPaths.has(integration.address) ? { constructPath: constructPaths.get(integration.address) } : {}),
        id: integration.id,
        name: integration.name,
        deliveries: sendcloud ? null : 0,
        failures: 0,
        undelivered: sendcloud ? null : 0,
        lastFailure: null,
      };
      if (typeof client === 'string') health.error = client;
      else {
        try {
          Object.assign(health, await client.summarize(integration.id, options.sinceMs));
        } catch (error) {
          health.error = `could not read the ${sendcloud ? 'exception' : 'delivery'} logs: ${(error as Error).message}`;
        }
      }
      integrations.push(health);
    }
  }
  return {
    since: new Date(Math.floor(options.sinceMs / 1000) * 1000).toISOString().replace(/\.000Z$/, 'Z'),
    healthy: integrations.every((integration) => integration.failures === 0 && !integration.error),
    integrations,
  };
}

/** Sendcloud's exception logs of one integration (any order): every log is a failure. */
export function summarizeSendcloudLogs(logs: readonly SendcloudIntegrationLog[]): HealthSummary {
  const last = [...logs].sort((a, b) => (b.created_at ?? '').localeCompare(a.created_at ?? '') || b.id - a.id)[0];
  const detail = last ? [last.exception, last.method && last.full_url ? `${last.method} ${last.full_url}` : last.full_url].filter(Boolean).join(', ') : '';
  return {
    deliveries: null,
    failures: logs.length,
    undelivered: null,
    lastFailure: last ? { statusCode: last.response_code ?? null, errorDetail: detail || null, at: last.created_at ?? null, attempt: null } : null,
  };
}

/** Counts and the last failure from one integration's logs (any order). */
export function summarizeLogs(logs: readonly EpIntegrationLog[]): HealthSummary {
  const jobs = new Map<string, boolean>();
  let lastFailed: EpIntegrationLog | undefined;
  for (const log of logs) {
    const job = log.job_id ?? log.id;
    jobs.set(job, (jobs.get(job) ?? false) || log.succeeded);
    if (!log.succeeded && (!lastFailed || (log.created_at ?? '') > (lastFailed.created_at ?? ''))) lastFailed = log;
  }
  return {
    deliveries: jobs.size,
    failures: logs.filter((log) => !log.succeeded).length,
    undelivered: [...jobs.values()].filter((delivered) => !delivered).length,
    lastFailure: lastFailed
      ? {
          statusCode: lastFailed.status_code ?? null,
          errorDetail: lastFailed.error_detail ?? null,
          at: lastFailed.created_at ?? null,
          attempt: lastFailed.attempt,
        }
      : null,
  };
}

interface SynthesizedStack {
  provider?: Record<string, unknown>;
}

interface DeclaredIntegration {
  provider: HealthProvider;
  address: string;
  id: string;
  name: string | null;
  /** The provider alias, '' for the default configuration. */
  alias: string;
}

/** The Elastic Path and Sendcloud integrations in a raw (`terraform state pull`) state. */
export function declaredIntegrations(stateJson: string): DeclaredIntegration[] {
  if (stateJson.trim() === '') return [];
  const state = JSON.parse(stateJson) as {
    resources?: { mode?: string; type?: string; name?: string; module?: string; provider?: string; instances?: { index_key?: unknown; attributes?: Record<string, unknown> }[] }[];
  };
  const found: DeclaredIntegration[] = [];
  for (const resource of state.resources ?? []) {
    const provider = (Object.keys(HEALTH_SOURCES) as HealthProvider[]).find((name) => HEALTH_SOURCES[name].resourceType === resource.type);
    if (resource.mode !== 'managed' || !provider) continue;
    const { idAttribute, nameAttribute } = HEALTH_SOURCES[provider];
    const providerSource = `${PROVIDER_SOURCE_PREFIX}/${provider}"]`;
    const providerAddress = resource.provider ?? '';
    const alias = providerAddress.includes(providerSource) ? providerAddress.slice(providerAddress.indexOf(providerSource) + providerSource.length).replace(/^\./, '') : '';
    for (const instance of resource.instances ?? []) {
      const rawId = instance.attributes?.[idAttribute];
      const id = typeof rawId === 'number' ? String(rawId) : rawId;
      if (typeof id !== 'string' || id === '') continue;
      const index = instance.index_key === undefined ? '' : `[${JSON.stringify(instance.index_key)}]`;
      const name = instance.attributes?.[nameAttribute];
      found.push({
        provider,
        address: `${resource.module ? `${resource.module}.` : ''}${resource.type}.${resource.name}${index}`,
        id,
        name: typeof name === 'string' ? name : null,
        alias,
      });
    }
  }
  return found;
}

function providerBlock(synthesized: SynthesizedStack, provider: HealthProvider, alias: string): Record<string, unknown> {
  const blocks = synthesized.provider?.[provider];
  const list = (Array.isArray(blocks) ? blocks : blocks ? [blocks] : []) as Record<string, unknown>[];
  return list.find((block) => (block.alias ?? '') === alias) ?? {};
}

/**
 * A client configured as the provider block is, read as the provider reads it (environment
 * fallbacks included). A setting that refers to a variable is read from TF_VAR_<name>; any
 * other expression cannot be resolved here, so the setting's environment variable is used.
 * Returns why when the settings cannot make a client.
 */
export function deliveryLogsClient(block: Record<string, unknown>, env: NodeJS.ProcessEnv): ElasticPathClient | string {
  const diagnostics = new Diagnostics();
  const settings = readElasticPathSettings(resolvedSettings(ELASTICPATH_PROVIDER_SCHEMA, block, env), env, diagnostics);
  const problem = diagnostics.items.find((item) => item.severity === 'error');
  if (problem) return `the provider settings cannot read the delivery logs: ${problem.summary}: ${problem.detail}`;
  if (missingElasticPathSettings(settings).length > 0) {
    const names = ELASTICPATH_ENVIRONMENT;
    return `no Elastic Path credentials to read the delivery logs with: set ${names.client_id} and ${names.client_secret} (or literal provider settings)`;
  }
  return elasticPathClient(settings as ElasticPathCredentials, { maxAttempts: 3 });
}

/** A Sendcloud client configured as the provider block is (see deliveryLogsClient). */
export function exceptionLogsClient(block: Record<string, unknown>, env: NodeJS.ProcessEnv): SendcloudClient | string {
  const diagnostics = new Diagnostics();
  const settings = readSendcloudSettings(resolvedSettings(SENDCLOUD_PROVIDER_SCHEMA, block, env), env, diagnostics);
  const problem = diagnostics.items.find((item) => item.severity === 'error');
  if (problem) return `the provider settings cannot read the exception logs: ${problem.summary}: ${problem.detail}`;
  if (!hasSendcloudCredentials(settings)) {
    return `no Sendcloud credentials to read the exception logs with: set ${sendcloudCredentialChoices('variables')} (or literal provider settings)`;
  }
  return sendcloudClient(settings, { maxAttempts: 3 });
}

/** The block's settings Terraform would see, where they can be known without running it; the rest are left unset. */
function resolvedSettings(schema: Schema, block: Record<string, unknown>, env: NodeJS.ProcessEnv): PlainObject {
  const config: PlainObject = {};
  for (const [name, attribute] of Object.entries(schema.attributes)) {
    let value = block[name];
    if (typeof value === 'string' && value.includes('${')) {
      const variable = /^\$\{var\.([A-Za-z0-9_-]+)\}$/.exec(value);
      value = variable ? env[`TF_VAR_${variable[1]}`] : undefined;
      if (typeof value === 'string' && attribute.type === 'number') value = Number.isFinite(Number(value)) ? Number(value) : undefined;
    }
    if (typeof value === 'string' || typeof value === 'number') config[name] = value;
  }
  return config;
}

/* Renderers: each report format calls one of these for its health section. */

function failureText(failure: LastFailure): string {
  const status = failure.statusCode === null ? 'no answer' : `HTTP ${failure.statusCode}`;
  const attempt = failure.attempt === null ? '' : `, attempt ${failure.attempt}`;
  return `${failure.at ?? 'time unknown'}${attempt}: ${status}${failure.errorDetail ? `, ${failure.errorDetail}` : ''}`;
}

function isFailing(integration: IntegrationHealth): boolean {
  return integration.failures > 0 || integration.error !== undefined;
}

function counts(integration: IntegrationHealth): string {
  if (integration.error) return integration.error;
  if (integration.deliveries === null) {
    return integration.failures === 0 ? 'no exception logs' : `${integration.failures} exception log(s)`;
  }
  const parts = [`${integration.deliveries} deliver${integration.deliveries === 1 ? 'y' : 'ies'}`];
  parts.push(integration.failures === 0 ? 'no failures' : `${integration.failures} failed attempt(s)`);
  if ((integration.undelivered ?? 0) > 0) parts.push(`${integration.undelivered} not delivered`);
  return parts.join(', ');
}

/** The report's health, when `drift --health` attached it (`report.health`, also the JSON key). */
export function healthOf(report: object): HealthReport | undefined {
  return (report as { health?: HealthReport }).health;
}

/** The text section's lines, printed after the drift report. */
export function healthTextLines(report: HealthReport, paint: (code: number, text: string) => string = (_code, text) => text): string[] {
  const lines = ['', `Delivery health since ${report.since} (apart from drift):`];
  if (report.integrations.length === 0) lines.push('  no Elastic Path or Sendcloud integrations declared');
  for (const integration of report.integrations) {
    const mark = isFailing(integration) ? paint(31, '✗') : paint(32, '✓');
    const label = `${integration.stack}/${integration.address}${integration.name ? ` (${integration.name})` : ''}`;
    lines.push(`  ${mark} ${paint(1, label)}  ${counts(integration)}`);
    if (integration.lastFailure) lines.push(`      last failure ${failureText(integration.lastFailure)}`);
  }
  const failing = report.integrations.filter(isFailing).length;
  lines.push(failing === 0 ? 'Healthy: no failed deliveries.' : `Unhealthy: ${failing} of ${report.integrations.length} integration(s) failed deliveries.`);
  return lines;
}

export function healthText(report: HealthReport): string {
  return `${healthTextLines(report).join('\n')}\n`;
}

/** The Markdown section's lines, for the Markdown report. */
export function healthMarkdownLines(report: HealthReport): string[] {
  const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const lines = ['', `### Delivery health since ${report.since}`, '', report.healthy ? 'Healthy: no failed deliveries.' : '**Unhealthy**: failed deliveries.', ''];
  if (report.integrations.length === 0) return [...lines, 'No Elastic Path or Sendcloud integrations declared.'];
  lines.push('| | integration | deliveries | failed attempts | not delivered | last failure |', '|---|---|---|---|---|---|');
  for (const integration of report.integrations) {
    const label = `\`${integration.stack}/${integration.address}\`${integration.name ? ` (${cell(integration.name)})` : ''}`;
    const last = integration.error ? cell(integration.error) : integration.lastFailure ? cell(failureText(integration.lastFailure)) : '-';
    lines.push(
      `| ${isFailing(integration) ? '✗' : '✓'} | ${label} | ${integration.deliveries ?? '–'} | ${integration.failures} | ${integration.undelivered ?? '–'} | ${last} |`,
    );
  }
  return lines;
}

export function healthMarkdown(report: HealthReport): string {
  return `${healthMarkdownLines(report).join('\n')}\n`;
}
