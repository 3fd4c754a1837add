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
  /** Only these stacks: give the stacks the drift run checked (its shard). @default every stack of the app */
  stacks?: string[];
  /** The environment terraform and the providers get (credentials, TF_VAR_*). */
  env?: NodeJS.ProcessEnv;
  /** Which logs count: those since a time (where the logs carry one), or those a previous report did not see. */
  window: HealthWindow;
  /** @default "terraform" on the PATH */
  terraformBinary?: string;
}

/**
 * Which logs a health check counts.
 * - `sinceMs`: the logs at or after that time. Applies only to logs that carry a time: Elastic
 *   Path's logs carry none (its spec gives IntegrationLog no time and no order), so against the
 *   real API the window cannot be applied and the report says so for each integration.
 * - `baseline`: the logs whose ids the previous report (`drift --health --json`) did not list.
 *   Needs neither times nor an order, only that a log keeps its id: exact "new since the last
 *   check" for a scheduled job that keeps its previous report.
 */
export type HealthWindow = { sinceMs: number } | { baseline: HealthBaseline };

/** The log ids a previous health report saw, per integration id. */
export interface HealthBaseline {
  /** Where it was read from, for the report. */
  source: string;
  /** When the previous check ran (its `checkedAt`), when it says. */
  checkedAt: string | null;
  seen: Map<string, ReadonlySet<string>>;
}

/**
 * One log as the health rules see it, whatever the vendor: Elastic Path's delivery attempts
 * and Sendcloud's exception logs map onto it.
 */
export interface HealthLogEntry {
  id: string;
  /** RFC 3339, when the vendor answers one. */
  at?: string;
  failed: boolean;
}

export interface WindowedEntries<T> {
  /** The entries the window keeps. */
  counted: T[];
  /**
   * False when a time window was asked for but some entries carry no time: those are counted
   * whatever their age, and the report says so.
   */
  windowApplied: boolean;
  /** Entries without a time. */
  untimed: number;
}

/** The entries of one integration that a window counts (see HealthWindow). */
export function entriesInWindow<T extends HealthLogEntry>(entries: readonly T[], window: HealthWindow, integrationId: string): WindowedEntries<T> {
  const untimed = entries.filter((entry) => entry.at === undefined || Number.isNaN(Date.parse(entry.at))).length;
  if ('baseline' in window) {
    const seen = window.baseline.seen.get(integrationId) ?? new Set<string>();
    return { counted: entries.filter((entry) => !seen.has(entry.id)), windowApplied: true, untimed };
  }
  // An entry without a time may be of any age: it stays counted, and windowApplied says the count is not a window's.
  const counted = entries.filter((entry) => entry.at === undefined || Number.isNaN(Date.parse(entry.at)) || Date.parse(entry.at) >= window.sinceMs);
  return { counted, windowApplied: untimed === 0, untimed };
}

/** Reads a previous `drift --health --json` report (or a merged one) as a baseline. */
export function readHealthBaseline(file: string): HealthBaseline {
  if (!fs.existsSync(file)) {
    throw new Error(`--health-baseline ${file} does not exist: give the JSON report of the previous \`drift --health\` run (e.g. kept with --report json=FILE); run once without it to make the first`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`--health-baseline ${file} is not JSON (${(error as Error).message}): give the JSON report of the previous \`drift --health\` run`);
  }
  const health = (parsed as { health?: { checkedAt?: unknown; integrations?: unknown } } | null)?.health;
  if (!health || !Array.isArray(health.integrations)) {
    throw new Error(`--health-baseline ${file} has no "health" section: give the JSON report of a \`drift --health\` run`);
  }
  const seen = new Map<string, ReadonlySet<string>>();
  for (const integration of health.integrations as { id?: unknown; logIds?: unknown }[]) {
    if (typeof integration?.id !== 'string' || !Array.isArray(integration.logIds)) {
      throw new Error(`--health-baseline ${file}: an integration without "id" or "logIds"; reports older than --health-baseline cannot serve: run once without it to make one`);
    }
    seen.set(integration.id, new Set([...(seen.get(integration.id) ?? []), ...integration.logIds.map(String)]));
  }
  return { source: file, checkedAt: typeof health.checkedAt === 'string' ? health.checkedAt : null, seen };
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
  /**
   * False when --since could not be applied because logs carry no time (the real Elastic Path
   * API gives none): the counts are then the whole history the API returns.
   */
  windowApplied: boolean;
  /** Every log id the API listed for the integration: the next check's baseline. */
  logIds: string[];
  /** Set when the logs could not be read; the integration then counts as unhealthy. */
  error?: string;
}

export interface HealthReport {
  /** When this check ran (RFC 3339). */
  checkedAt: string;
  /** The time window asked for (RFC 3339), when the window is a time. */
  since?: string;
  /** The previous report the logs were compared with, when the window is a baseline. */
  baseline?: { source: string; checkedAt: string | null };
  /** No failed attempt and no unreadable logs in the window. */
  healthy: boolean;
  integrations: IntegrationHealth[];
}

export type HealthProvider = 'elasticpath' | 'sendcloud';

type HealthSummary = Pick<IntegrationHealth, 'deliveries' | 'failures' | 'undelivered' | 'lastFailure'>;
type WindowedSummary = HealthSummary & Pick<IntegrationHealth, 'windowApplied' | 'logIds'>;

/** Per provider: the resource whose state lists its integrations, and how their logs are read. */
const HEALTH_SOURCES: Record<HealthProvider, {
  resourceType: string;
  idAttribute: string;
  nameAttribute: string;
  clientFor(block: Record<string, unknown>, env: NodeJS.ProcessEnv): { summarize(id: string, window: HealthWindow): Promise<WindowedSummary> } | string;
}> = {
  elasticpath: {
    resourceType: ELASTICPATH_INTEGRATION_TYPE,
    idAttribute: 'id',
    nameAttribute: 'name',
    clientFor(block, env) {
      const client = deliveryLogsClient(block, env);
      if (typeof client === 'string') return client;
      return {
        // Every log, windowed here: the client keeps logs without a time whatever sinceMs says.
        summarize: async (id, window) => {
          const logs = await client.listIntegrationLogs({ integrationId: id });
          const entries = logs.map((log) => ({ id: log.id, ...(log.created_at ? { at: log.created_at } : {}), failed: !log.succeeded, log }));
          const windowed = entriesInWindow(entries, window, id);
          return { ...summarizeLogs(windowed.counted.map((entry) => entry.log)), windowApplied: windowed.windowApplied, logIds: logs.map((log) => log.id) };
        },
      };
    },
  },
  sendcloud: {
    resourceType: SENDCLOUD_INTEGRATION_TYPE,
    idAttribute: 'integration_id',
    nameAttribute: 'shop_name',
    clientFor(block, env) {
      const client = exceptionLogsClient(block, env);
      if (typeof client === 'string') return client;
      return {
        summarize: async (id, window) => {
          const logs = await client.shop.listLogs({ integrationId: Number(id) });
          const entries = logs.map((log) => ({ id: String(log.id), ...(log.created_at ? { at: log.created_at } : {}), failed: true, log }));
          const windowed = entriesInWindow(entries, window, id);
          return { ...summarizeSendcloudLogs(windowed.counted.map((entry) => entry.log)), windowApplied: windowed.windowApplied, logIds: entries.map((entry) => entry.id) };
        },
      };
    },
  },
};

export async function collectHealth(options: CollectHealthOptions): Promise<HealthReport> {
  const appDir = path.resolve(options.appDir ?? process.cwd());
  const env = { ...process.env, ...options.env };
  const checkedAt = rfc3339Seconds(Date.now());
  const outdir = path.join(appDir, 'cdktf.out');
  const manifestFile = path.join(outdir, 'manifest.json');
  if (!fs.existsSync(manifestFile)) throw new Error(`${manifestFile} does not exist: synthesize the app first`);
  const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as { stacks: Record<string, { name: string; workingDirectory: string; synthesizedStackPath: string }> };
  const stacks = Object.values(manifest.stacks).filter((stack) => options.stacks === undefined || options.stacks.includes(stack.name));

  const integrations: IntegrationHealth[] = [];
  for (const stack of stacks) {
    const cwd = path.join(outdir, stack.workingDirectory);
    const synthesized = JSON.parse(fs.readFileSync(path.join(outdir, stack.synthesizedStackPath), 'utf8')) as SynthesizedStack;
    // Reading state needs the backend, not the providers: no provider is started for it.
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
        windowApplied: true,
        logIds: [],
      };
      if (typeof client === 'string') health.error = client;
      else {
        try {
          Object.assign(health, await client.summarize(integration.id, options.window));
        } catch (error) {
          health.error = `could not read the ${sendcloud ? 'exception' : 'delivery'} logs: ${(error as Error).message}`;
        }
      }
      integrations.push(health);
    }
  }
  return {
    checkedAt,
    ...('sinceMs' in options.window
      ? { since: rfc3339Seconds(options.window.sinceMs) }
      : { baseline: { source: options.window.baseline.source, checkedAt: options.window.baseline.checkedAt } }),
    healthy: integrations.every((integration) => !isFailing(integration)),
    integrations,
  };
}

function rfc3339Seconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/\.000Z$/, 'Z');
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

/**
 * Combines the health sections of shard reports (`drift merge`): one section listing every
 * integration, healthy when all are. The window is the first section's (a matrix runs every
 * shard with the same flags).
 */
export function mergeHealth(sections: readonly HealthReport[]): HealthReport | undefined {
  if (sections.length === 0) return undefined;
  const [first] = sections;
  const integrations = sections.flatMap((section) => section.integrations);
  return {
    checkedAt: sections.map((section) => section.checkedAt).sort()[0],
    ...(first.since !== undefined ? { since: first.since } : {}),
    ...(first.baseline !== undefined ? { baseline: first.baseline } : {}),
    healthy: sections.every((section) => section.healthy),
    integrations,
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

/** What the counts cover, for the section's title: "since <time>" or "since the previous check (<file>, <time>)". */
function windowTitle(report: HealthReport): string {
  if (report.baseline) return `since the previous check (${report.baseline.source}${report.baseline.checkedAt ? `, ${report.baseline.checkedAt}` : ''})`;
  return `since ${report.since ?? 'the start'}`;
}

/** Said of an integration whose logs carry no time, so --since could not narrow them. */
export const WINDOW_NOT_APPLIED =
  "its logs carry no time (Elastic Path's never do): --since could not be applied, so the whole history is counted; compare with the previous report instead (--health-baseline FILE)";

/** The report's health, when `drift --health` attached it (`report.health`, also the JSON key). */
export function healthOf(report: object): HealthReport | undefined {
  return (report as { health?: HealthReport }).health;
}

/** The text section's lines, printed after the drift report. */
export function healthTextLines(report: HealthReport, paint: (code: number, text: string) => string = (_code, text) => text): string[] {
  const lines = ['', `Delivery health ${windowTitle(report)} (apart from drift):`];
  if (report.integrations.length === 0) lines.push('  no Elastic Path or Sendcloud integrations declared');
  for (const integration of report.integrations) {
    const mark = isFailing(integration) ? paint(31, '✗') : paint(32, '✓');
    const label = `${integration.stack}/${integration.address}${integration.name ? ` (${integration.name})` : ''}`;
    lines.push(`  ${mark} ${paint(1, label)}  ${counts(integration)}`);
    if (integration.lastFailure) lines.push(`      last failure ${failureText(integration.lastFailure)}`);
    if (!integration.windowApplied && !integration.error) lines.push(`      ${paint(33, '!')} ${WINDOW_NOT_APPLIED}`);
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
  const lines = ['', `### Delivery health ${windowTitle(report)}`, '', report.healthy ? 'Healthy: no failed deliveries.' : '**Unhealthy**: failed deliveries.', ''];
  const unwindowed = report.integrations.filter((integration) => !integration.windowApplied && !integration.error);
  if (unwindowed.length > 0) {
    lines.push(`**Window not applied** to ${unwindowed.map((integration) => `\`${integration.stack}/${integration.address}\``).join(', ')}: ${WINDOW_NOT_APPLIED}.`, '');
  }

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
