/** The public surface of cdktf-commerce-integrations. This file only re-exports. */
export * from './constructs';
export {
  ElasticPathClient,
  type ElasticPathClientOptions,
  type EpConfiguration,
  type EpIntegration,
  type EpIntegrationAttributes,
  type EpIntegrationLog,
  type EpIntegrationJob,
  SendcloudClient,
  type SendcloudClientOptions,
  type SendcloudIntegrationSettings,
  type SendcloudIntegration as SendcloudIntegrationObject,
  type SendcloudIntegrationLog,
  type SendcloudShopOrderStatusRead,
  type SendcloudStatusMappingEntry,
  type SendcloudStatusCategory,
  type SendcloudStatusLanguage,
  SENDCLOUD_STATUS_CATEGORIES,
  SENDCLOUD_STATUS_LANGUAGES,
  ApiError,
  NotFoundError,
  AuthenticationError,
  ValidationError,
  RateLimitError,
  ServerError,
  ConnectionError,
  OutcomeUnknownError,
  RateLimitTimeoutError,
  UnsupportedFieldError,
  TransportError,
  type Transport,
  isNotFound,
} from '../api';
export type { ElasticPathRegion, IntegrationType as ElasticPathIntegrationType } from '../api/elasticpath-vocabulary';
export type { SendcloudApiVersion, SendcloudFeedbackType, SendcloudV2UpdateMethod } from '../api/sendcloud-vocabulary';
export * from './emulators';
export { detectDrift, type DetectDriftOptions, type DriftProgress, type DriftReport, type StackDrift } from './drift/detect';
export { TerraformError, TerraformAbortedError } from './drift/terraform';
export type { DriftKind, FieldDrift, ResourceDrift } from './drift/classify';
export { formatJson as formatDriftJson, formatText as formatDriftText } from './drift/report';
export {
  formatMarkdown as formatDriftMarkdown,
  renderReport as renderDriftReport,
  DRIFT_FORMATS,
  DRIFT_REPORT_SCHEMA_VERSION,
  type DriftFormat,
} from './drift/report';
export type { UnmanagedDrift } from './drift/classify';
export {
  detectCdkLibrary,
  GenerateOptionsError,
  generateIntegrationsCode,
  renderIntegrationsCode,
  type CdkLibrary,
  type GenerateOptions,
  type RenderInput,
  type RenderedCode,
  type SecretVariable,
} from './generate';
export { installProviders, type InstalledProviders } from './providers/install';
export { startWarmProviders, type WarmProviders } from './providers/warm';
export * from './receivers';
export {
  collectHealth,
  entriesInWindow,
  healthMarkdown,
  healthText,
  mergeHealth,
  readHealthBaseline,
  type CollectHealthOptions,
  type HealthBaseline,
  type HealthLogEntry,
  type HealthReport,
  type HealthWindow,
  type IntegrationHealth,
} from './drift/health';
