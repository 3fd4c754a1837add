// https://registry.terraform.io/providers/commerce-iac/sendcloud/latest/docs/data-sources/integrations
// generated from terraform resource schema

import { Construct } from 'constructs';
import * as cdktf from 'cdktf';

// Configuration

export interface DataSendcloudIntegrationsConfig extends cdktf.TerraformMetaArguments {
  /**
  * Only integrations with exactly this shop name.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/commerce-iac/sendcloud/latest/docs/data-sources/integrations#shop_name DataSendcloudIntegrations#shop_name}
  */
  readonly shopName?: string;
}
export interface DataSendcloudIntegrationsIntegrations {
}

export function dataSendcloudIntegrationsIntegrationsToTerraform(struct?: DataSendcloudIntegrationsIntegrations): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  return {
  }
}


export function dataSendcloudIntegrationsIntegrationsToHclTerraform(struct?: DataSendcloudIntegrationsIntegrations): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  const attrs = {
  };
  return attrs;
}

export class DataSendcloudIntegrationsIntegrationsOutputReference extends cdktf.ComplexObject {
  private isEmptyObject = false;

  /**
  * @param terraformResource The parent resource
  * @param terraformAttribute The attribute on the parent resource this class is referencing
  * @param complexObjectIndex the index of this item in the list
  * @param complexObjectIsFromSet whether the list is wrapping a set (will add tolist() to be able to access an item via an index)
  */
  public constructor(terraformResource: cdktf.IInterpolatingParent, terraformAttribute: string, complexObjectIndex: number, complexObjectIsFromSet: boolean) {
    super(terraformResource, terraformAttribute, complexObjectIsFromSet, complexObjectIndex);
  }

  public get internalValue(): DataSendcloudIntegrationsIntegrations | undefined {
    let hasAnyValues = this.isEmptyObject;
    const internalValueResult: any = {};
    return hasAnyValues ? internalValueResult : undefined;
  }

  public set internalValue(value: DataSendcloudIntegrationsIntegrations | undefined) {
    if (value === undefined) {
      this.isEmptyObject = false;
    }
    else {
      this.isEmptyObject = Object.keys(value).length === 0;
    }
  }

  // feedback_type - computed: true, optional: false, required: false
  public get feedbackType() {
    return this.getStringAttribute('feedback_type');
  }

  // id - computed: true, optional: false, required: false
  public get id() {
    return this.getNumberAttribute('id');
  }

  // service_point_carriers - computed: true, optional: false, required: false
  public get servicePointCarriers() {
    return cdktf.Fn.tolist(this.getListAttribute('service_point_carriers'));
  }

  // service_point_enabled - computed: true, optional: false, required: false
  public get servicePointEnabled() {
    return this.getBooleanAttribute('service_point_enabled');
  }

  // shop_name - computed: true, optional: false, required: false
  public get shopName() {
    return this.getStringAttribute('shop_name');
  }

  // shop_url - computed: true, optional: false, required: false
  public get shopUrl() {
    return this.getStringAttribute('shop_url');
  }

  // type - computed: true, optional: false, required: false
  public get type() {
    return this.getStringAttribute('type');
  }

  // webhook_active - computed: true, optional: false, required: false
  public get webhookActive() {
    return this.getBooleanAttribute('webhook_active');
  }

  // webhook_url - computed: true, optional: false, required: false
  public get webhookUrl() {
    return this.getStringAttribute('webhook_url');
  }
}

export class DataSendcloudIntegrationsIntegrationsList extends cdktf.ComplexList {

  /**
  * @param terraformResource The parent resource
  * @param terraformAttribute The attribute on the parent resource this class is referencing
  * @param wrapsSet whether the list is wrapping a set (will add tolist() to be able to access an item via an index)
  */
  constructor(protected terraformResource: cdktf.IInterpolatingParent, protected terraformAttribute: string, protected wrapsSet: boolean) {
    super(terraformResource, terraformAttribute, wrapsSet)
  }

  /**
  * @param index the index of the item to return
  */
  public get(index: number): DataSendcloudIntegrationsIntegrationsOutputReference {
    return new DataSendcloudIntegrationsIntegrationsOutputReference(this.terraformResource, this.terraformAttribute, index, this.wrapsSet);
  }
}

/**
* Represents a {@link https://registry.terraform.io/providers/commerce-iac/sendcloud/latest/docs/data-sources/integrations sendcloud_integrations}
*/
export class DataSendcloudIntegrations extends cdktf.TerraformDataSource {

  // =================
  // STATIC PROPERTIES
  // =================
  public static readonly tfResourceType = "sendcloud_integrations";

  // ==============
  // STATIC Methods
  // ==============
  /**
  * Generates CDKTF code for importing a DataSendcloudIntegrations resource upon running "cdktf plan <stack-name>"
  * @param scope The scope in which to define this construct
  * @param importToId The construct id used in the generated config for the DataSendcloudIntegrations to import
  * @param importFromId The id of the existing DataSendcloudIntegrations that should be imported. Refer to the {@link https://registry.terraform.io/providers/commerce-iac/sendcloud/latest/docs/data-sources/integrations#import import section} in the documentation of this resource for the id to use
  * @param provider? Optional instance of the provider where the DataSendcloudIntegrations to import is found
  */
  public static generateConfigForImport(scope: Construct, importToId: string, importFromId: string, provider?: cdktf.TerraformProvider) {
        return new cdktf.ImportableResource(scope, importToId, { terraformResourceType: "sendcloud_integrations", importId: importFromId, provider });
      }

  // ===========
  // INITIALIZER
  // ===========

  /**
  * Create a new {@link https://registry.terraform.io/providers/commerce-iac/sendcloud/latest/docs/data-sources/integrations sendcloud_integrations} Data Source
  *
  * @param scope The scope in which to define this construct
  * @param id The scoped construct ID. Must be unique amongst siblings in the same scope
  * @param options DataSendcloudIntegrationsConfig = {}
  */
  public constructor(scope: Construct, id: string, config: DataSendcloudIntegrationsConfig = {}) {
    super(scope, id, {
      terraformResourceType: 'sendcloud_integrations',
      terraformGeneratorMetadata: {
        providerName: 'sendcloud',
        providerVersionConstraint: '0.1.0'
      },
      provider: config.provider,
      dependsOn: config.dependsOn,
      count: config.count,
      lifecycle: config.lifecycle,
      provisioners: config.provisioners,
      connection: config.connection,
      forEach: config.forEach
    });
    this._shopName = config.shopName;
  }

  // ==========
  // ATTRIBUTES
  // ==========

  // integrations - computed: true, optional: false, required: false
  private _integrations = new DataSendcloudIntegrationsIntegrationsList(this, "integrations", false);
  public get integrations() {
    return this._integrations;
  }

  // shop_name - computed: false, optional: true, required: false
  private _shopName?: string; 
  public get shopName() {
    return this.getStringAttribute('shop_name');
  }
  public set shopName(value: string) {
    this._shopName = value;
  }
  public resetShopName() {
    this._shopName = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get shopNameInput() {
    return this._shopName;
  }

  // =========
  // SYNTHESIS
  // =========

  protected synthesizeAttributes(): { [name: string]: any } {
    return {
      shop_name: cdktf.stringToTerraform(this._shopName),
    };
  }

  protected synthesizeHclAttributes(): { [name: string]: any } {
    const attrs = {
      shop_name: {
        value: cdktf.stringToHclTerraform(this._shopName),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
    };

    // remove undefined attributes
    return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined ))
  }
}
