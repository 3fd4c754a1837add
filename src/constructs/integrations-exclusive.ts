/**
 * Exclusive management of a store's integrations: ElasticPathIntegrationsExclusive and
 * SendcloudIntegrationsExclusive, over the generated `*_integrations_exclusive` bindings.
 *
 * By default each owns every ElasticPathIntegration / SendcloudIntegration of its stack that
 * uses the same provider configuration. They are collected lazily, when the stack is
 * synthesized, so integrations added after this construct count too.
 */
import { Lazy, type TerraformProvider, TerraformStack } from 'cdktf';
import { Construct, type IConstruct } from 'constructs';
import { IntegrationsExclusive as ElasticPathIntegrationsExclusiveBinding } from '../../provider/gen/providers/elasticpath/integrations-exclusive';
import { IntegrationsExclusive as SendcloudIntegrationsExclusiveBinding } from '../../provider/gen/providers/sendcloud/integrations-exclusive';
import { INTEGRATIONS_EXCLUSIVE_SCHEMA as ELASTICPATH_EXCLUSIVE_SCHEMA } from '../../provider/elasticpath/integrations-exclusive';
import { INTEGRATIONS_EXCLUSIVE_SCHEMA as SENDCLOUD_EXCLUSIVE_SCHEMA } from '../../provider/sendcloud/integrations-exclusive';
import type { Schema } from '../../provider/framework/types';
import { applyDeclaredChecks, sensitiveVariableAdvice } from './declared-checks';
import { ElasticPathIntegration } from './elasticpath-integration';
import type { ElasticPathProvider, SendcloudProvider } from './providers';
import { SendcloudIntegration } from './sendcloud-integration';
import { importFrom } from './import-blocks';

interface ExclusiveCommonProps {
  /**
   * Glob patterns (`*`, `?`) of integration names owned elsewhere (another repository, the
   * vendor's own apps): matching integrations are never reported or removed.
   * @default - every undeclared integration is reported
   */
  readonly ignoreNames?: string[];
  /**
   * The ids this configuration owns.
   * @default - the ids of every integration construct of this stack with the same provider
   */
  readonly integrationIds?: string[];
}

export interface ElasticPathIntegrationsExclusiveProps extends ExclusiveCommonProps {
  /**
   * Delete the undeclared integrations on apply. The plan shows each one before it goes; the
   * apply that first creates this resource only records them.
   * @default false - undeclared integrations are reported (plan warning, drift report) only
   */
  readonly prune?: boolean;
  /**
   * The provider configuration (store) whose integrations this owns.
   * @default - the stack's default elasticpath provider
   */
  readonly provider?: ElasticPathProvider;
}

export interface SendcloudIntegrationsExclusiveProps extends ExclusiveCommonProps {
  /**
   * The provider configuration (account) whose integrations this reports on.
   * @default - the stack's default sendcloud provider
   */
  readonly provider?: SendcloudProvider;
}

/** An unaliased provider is the stack's default one, whether it was passed or not. */
function providerKey(provider: TerraformProvider | undefined): TerraformProvider | undefined {
  return provider && provider.alias !== undefined ? provider : undefined;
}

interface Owned {
  readonly provider?: TerraformProvider;
}

/**
 * The ids of `kind` constructs of the stack with the same provider, produced at synth; and a
 * check that no second exclusive construct claims the same provider configuration.
 */
function ownedIds<T extends IConstruct & Owned>(
  scope: Construct & Owned,
  kind: abstract new (...args: never[]) => T,
  idOf: (integration: T) => string,
  exclusiveKind: abstract new (...args: never[]) => Construct & Owned,
): string[] {
  const sameProvider = (node: Owned) => providerKey(node.provider) === providerKey(scope.provider);
  scope.node.addValidation({
    validate: () => {
      const rivals = TerraformStack.of(scope)
        .node.findAll()
        .filter((node): node is Construct & Owned => node instanceof exclusiveKind && node !== scope && sameProvider(node));
      return rivals.length === 0
        ? []
        : [
            `${scope.node.path}: ${rivals.map((rival) => rival.node.path).join(', ')} also claims exclusive management of the same provider configuration; ` +
              'keep one per store (pass provider to target another store)',
          ];
    },
  });
  return Lazy.listValue({
    produce: () =>
      TerraformStack.of(scope)
        .node.findAll()
        .filter((node): node is T => node instanceof kind && sameProvider(node))
        .map(idOf),
  });
}

function checked(scope: Construct, schema: Schema, source: object): void {
  applyDeclaredChecks(scope, { schema, source, secretAdvice: sensitiveVariableAdvice });
}

/**
 * Exclusive management of an Elastic Path store's integrations (`elasticpath_integrations_exclusive`):
 * every integration of the store that this stack does not declare is reported, and with
 * `prune: true` deleted on apply.
 */
export class ElasticPathIntegrationsExclusive extends Construct {
  /** The store id ("default" when the provider sets no store_id), known after apply. */
  readonly storeId: string;
  readonly provider?: ElasticPathProvider;
  private readonly resource: ElasticPathIntegrationsExclusiveBinding;

  constructor(scope: Construct, id: string, props: ElasticPathIntegrationsExclusiveProps = {}) {
    super(scope, id);
    this.provider = props.provider;
    const config = {
      integrationIds: props.integrationIds ?? ownedIds(this, ElasticPathIntegration, (integration) => integration.integrationId, ElasticPathIntegrationsExclusive),
      ignoreNames: props.ignoreNames,
      prune: props.prune,
    };
    this.resource = new ElasticPathIntegrationsExclusiveBinding(this, 'Resource', { ...config, provider: props.provider });
    checked(this, ELASTICPATH_EXCLUSIVE_SCHEMA, config);
    this.storeId = this.resource.id;
  }

  /** Takes over the store's exclusive management on the next apply (import id: the store id, or "default"). */
  importFrom(storeId: string): void {
    importFrom(this.resource, storeId, this.provider);
  }
}

/**
 * Exclusive management of a Sendcloud account's integrations (`sendcloud_integrations_exclusive`):
 * every integration this stack does not declare is reported. Report only: removing a
 * Sendcloud integration disconnects a shop.
 */
export class SendcloudIntegrationsExclusive extends Construct {
  readonly provider?: SendcloudProvider;
  private readonly resource: SendcloudIntegrationsExclusiveBinding;

  constructor(scope: Construct, id: string, props: SendcloudIntegrationsExclusiveProps = {}) {
    super(scope, id);
    this.provider = props.provider;
    const config = {
      integrationIds: props.integrationIds ?? ownedIds(this, SendcloudIntegration, (integration) => integration.resourceId, SendcloudIntegrationsExclusive),
      ignoreNames: props.ignoreNames,
    };
    this.resource = new SendcloudIntegrationsExclusiveBinding(this, 'Resource', { ...config, provider: props.provider });
    checked(this, SENDCLOUD_EXCLUSIVE_SCHEMA, config);
  }

  /** Takes over the account's exclusive management on the next apply (import id: "account"). */
  importFrom(): void {
    importFrom(this.resource, 'account', this.provider);
  }
}
