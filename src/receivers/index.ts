/** Helpers for the services that receive Elastic Path and Sendcloud events. */
export {
  ELASTIC_PATH_SECRET_HEADER,
  ELASTIC_PATH_TRIGGER_HEADER,
  verifyElasticPathWebhook,
  type ElasticPathEventPayload,
  type ElasticPathOrder,
  type ElasticPathQueueMessage,
  type ElasticPathResource,
  type ElasticPathWebhookEvent,
  type ElasticPathWebhookIntegration,
} from './elasticpath';
export {
  SENDCLOUD_SIGNATURE_HEADER,
  signSendcloudBody,
  verifySendcloudSignature,
  type SendcloudParcel,
  type SendcloudParcelStatus,
  type SendcloudParcelStatusChanged,
} from './sendcloud';
export type { HeaderSource } from './verify';
