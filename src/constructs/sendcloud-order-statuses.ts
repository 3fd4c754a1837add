/**
 * SendcloudShopOrderStatuses and SendcloudShopOrderStatusMapping: a Prestashop v2
 * integration's shop order statuses and the mapping of Sendcloud's status categories onto
 * them, over the generated `sendcloud_shop_order_statuses` / `sendcloud_shop_order_status_mapping`
 * bindings. The categories and languages are the API's (api/sendcloud-shop.ts); the rules are
 * the provider's, checked at synth.
 */
import { Construct } from 'constructs';
import type { SendcloudStatusCategory, SendcloudStatusLanguage } from '../../api/sendcloud-vocabulary';
import { ShopOrderStatusMapping } from '../../provider/gen/providers/sendcloud/shop-order-status-mapping';
import { ShopOrderStatuses } from '../../provider/gen/providers/sendcloud/shop-order-statuses';
import { SHOP_ORDER_STATUSES_SCHEMA, SHOP_ORDER_STATUS_MAPPING_SCHEMA } from '../../provider/sendcloud/order-statuses';
import { applyDeclaredChecks, sensitiveVariableAdvice } from './declared-checks';
import type { SendcloudProvider } from './providers';
import { importFrom } from './import-blocks';

export interface SendcloudShopOrderStatus {
  /** The shop's own id for the status. */
  readonly externalId: string;
  /** The status's name by language, e.g. `{ 'en-gb': 'Shipped', 'nl-nl': 'Verzonden' }`; at least one. */
  readonly translations: Partial<Record<SendcloudStatusLanguage, string>>;
}

export interface SendcloudShopOrderStatusesProps {
  /** The id of the Prestashop v2 integration. Changing it replaces the resource. */
  readonly integrationId: number;
  /** Every order status of the shop: applying overwrites the list, and statuses left out are deleted. */
  readonly statuses: SendcloudShopOrderStatus[];
  /**
   * The provider configuration (account) the integration belongs to.
   * @default - the stack's default sendcloud provider
   */
  readonly provider?: SendcloudProvider;
}

export class SendcloudShopOrderStatuses extends Construct {
  readonly integrationId: number;
  /** The shop's ids of the declared statuses. */
  readonly externalIds: readonly string[];
  readonly provider?: SendcloudProvider;
  /** The generated binding, for dependencies and escape hatches. */
  readonly resource: ShopOrderStatuses;

  constructor(scope: Construct, id: string, props: SendcloudShopOrderStatusesProps) {
    super(scope, id);
    this.integrationId = props.integrationId;
    this.externalIds = props.statuses.map((status) => status.externalId);
    this.provider = props.provider;
    const statuses = props.statuses.map((status) => ({ externalId: status.externalId, translations: { ...status.translations } as Record<string, string> }));
    this.resource = new ShopOrderStatuses(this, 'Resource', { integrationId: props.integrationId, statuses, provider: props.provider });
    applyDeclaredChecks(this, {
      schema: SHOP_ORDER_STATUSES_SCHEMA,
      // The provider's validator reads the statuses under their Terraform names.
      source: { integrationId: props.integrationId, statuses: statuses.map((status) => ({ external_id: status.externalId, translations: status.translations })) },
      secretAdvice: sensitiveVariableAdvice,
    });
  }

  /** Adopts the integration's statuses into state on the next apply (terraform import). */
  importFrom(integrationId: number): void {
    importFrom(this.resource, String(integrationId), this.provider);
  }
}

export interface SendcloudShopOrderStatusMappingProps {
  /**
   * The id of the Prestashop v2 integration. Changing it replaces the resource.
   * @default - the integration of `statuses`
   */
  readonly integrationId?: number;
  /**
   * The statuses this mapping points at: the mapping is then applied after them.
   * @default - the statuses are managed elsewhere
   */
  readonly statuses?: SendcloudShopOrderStatuses;
  /** Status category to the externalId of one of the shop's statuses; a category left out is unmapped. */
  readonly mapping: Partial<Record<SendcloudStatusCategory, string>>;
  /**
   * The provider configuration (account) the integration belongs to.
   * @default - the provider of `statuses`, else the stack's default sendcloud provider
   */
  readonly provider?: SendcloudProvider;
}

export class SendcloudShopOrderStatusMapping extends Construct {
  readonly provider?: SendcloudProvider;
  /** The generated binding, for dependencies and escape hatches. */
  readonly resource: ShopOrderStatusMapping;

  constructor(scope: Construct, id: string, props: SendcloudShopOrderStatusMappingProps) {
    super(scope, id);
    const integrationId = props.integrationId ?? props.statuses?.integrationId;
    if (integrationId === undefined) throw new Error(`${this.node.path}: give integrationId, or statuses (a SendcloudShopOrderStatuses) to take it from`);
    if (props.statuses && props.integrationId !== undefined && props.integrationId !== props.statuses.integrationId) {
      throw new Error(`${this.node.path}: integrationId ${props.integrationId} is not the integration of statuses (${props.statuses.integrationId}): leave integrationId out or make them match`);
    }
    this.provider = props.provider ?? props.statuses?.provider;
    const mapping = { ...props.mapping } as Record<string, string>;
    this.resource = new ShopOrderStatusMapping(this, 'Resource', {
      integrationId,
      mapping,
      provider: this.provider,
      ...(props.statuses ? { dependsOn: [props.statuses.resource] } : {}),
    });
    applyDeclaredChecks(this, { schema: SHOP_ORDER_STATUS_MAPPING_SCHEMA, source: { integrationId, mapping }, secretAdvice: sensitiveVariableAdvice });
    const statuses = props.statuses;
    if (statuses) {
      // The provider checks this at apply against the shop; with the statuses declared here it is known at synth.
      this.node.addValidation({
        validate: () =>
          Object.entries(mapping)
            .filter(([, externalId]) => typeof externalId === 'string' && !statuses.externalIds.includes(externalId))
            .map(
              ([category, externalId]) =>
                `mapping.${category} of ${this.node.path}: "${externalId}" is not one of the shop's order statuses (${statuses.externalIds.map((known) => `"${known}"`).join(', ')}): map ${category} onto one of them, or leave it out to unmap it`,
            ),
      });
    }
  }

  /** Adopts the integration's mapping into state on the next apply (terraform import). */
  importFrom(integrationId: number): void {
    importFrom(this.resource, String(integrationId), this.provider);
  }
}
