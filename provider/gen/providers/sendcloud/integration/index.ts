// https://registry.terraform.io/providers/commerce-iac/sendcloud/latest/docs/resources/integration
// generated from terraform resource schema

import { Construct } from 'constructs';
import * as cdktf from 'cdktf';

// Configuration

export interface IntegrationConfig extends cdktf.TerraformMetaArguments {
  /**
  * Delete the integration in Sendcloud on destroy. By default destroy only stops managing it.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/commerce-iac/sendcloud/latest/docs/resources/integration#delete_on_destroy Integration#delete_on_destroy}
  */
  readonly deleteOnDestroy?: boolean | cdktf.IResolvable;
  /**
  * When parcels count as sent: eager (label created), delayed (carrier scan) or none. API v3 only.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/commerce-iac/sendcloud/latest/docs/resources/integration#feedback_type Integration#feedback_type}
  */
  readonly feedbackType?: string;
  /**
  * The id of the Sendcloud integration to adopt. Changing it adopts another integration.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/commerce-iac/sendcloud/latest/docs/resources/integration#integration_id Integration#integration_id}
  */
  readonly integrationId: number;
  /**
  * Carriers offered in the service point picker (e.g. dhl, ups); at least one when service points are enabled.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/commerce-iac/sendcloud/latest/docs/resources/integration#service_point_carriers Integration#service_point_carriers}
  */
  readonly servicePointCarriers?: string[];
  /**
  * Whether parcels can be delivered to service points.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/commerce-iac/sendcloud/latest/docs/resources/integration#service_point_enabled Integration#service_point_enabled}
  */
  readonly servicePointEnabled?: boolean | cdktf.IResolvable;
  /**
  * The shop's name, 1 to 250 characters.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/commerce-iac/sendcloud/latest/docs/resources/integration#shop_name Integration#shop_name}
  */
  readonly shopName?: string;
  /**
  * The URL of the shop the integration connects to; "" for none.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/commerce-iac/sendcloud/latest/docs/resources/integration#shop_url Integration#shop_url}
  */
  readonly shopUrl?: string;
  /**
  * Whether Sendcloud sends parcel status updates to webhook_url.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/commerce-iac/sendcloud/latest/docs/resources/integration#webhook_active Integration#webhook_active}
  */
  readonly webhookActive?: boolean | cdktf.IResolvable;
  /**
  * Where parcel status updates are sent; required when webhook_active is true; "" for none.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/commerce-iac/sendcloud/latest/docs/resources/integration#webhook_url Integration#webhook_url}
  */
  readonly webhookUrl?: string;
}

/**
* Represents a {@link https://registry.terraform.io/providers/commerce-iac/sendcloud/latest/docs/resources/integration sendcloud_integration}
*/
export class Integration extends cdktf.TerraformResource {

  // =================
  // STATIC PROPERTIES
  // =================
  public static readonly tfResourceType = "sendcloud_integration";

  // ==============
  // STATIC Methods
  // ==============
  /**
  * Generates CDKTF code for importing a Integration resource upon running "cdktf plan <stack-name>"
  * @param scope The scope in which to define this construct
  * @param importToId The construct id used in the generated config for the Integration to import
  * @param importFromId The id of the existing Integration that should be imported. Refer to the {@link https://registry.terraform.io/providers/commerce-iac/sendcloud/latest/docs/resources/integration#import import section} in the documentation of this resource for the id to use
  * @param provider? Optional instance of the provider where the Integration to import is found
  */
  public static generateConfigForImport(scope: Construct, importToId: string, importFromId: string, provider?: cdktf.TerraformProvider) {
        return new cdktf.ImportableResource(scope, importToId, { terraformResourceType: "sendcloud_integration", importId: importFromId, provider });
      }

  // ===========
  // INITIALIZER
  // ===========

  /**
  * Create a new {@link https://registry.terraform.io/providers/commerce-iac/sendcloud/latest/docs/resources/integration sendcloud_integration} Resource
  *
  * @param scope The scope in which to define this construct
  * @param id The scoped construct ID. Must be unique amongst siblings in the same scope
  * @param options IntegrationConfig
  */
  public constructor(scope: Construct, id: string, config: IntegrationConfig) {
    super(scope, id, {
      terraformResourceType: 'sendcloud_integration',
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
    this._deleteOnDestroy = config.deleteOnDestroy;
    this._feedbackType = config.feedbackType;
    this._integrationId = config.integrationId;
    this._servicePointCarriers = config.servicePointCarriers;
    this._servicePointEnabled = config.servicePointEnabled;
    this._shopName = config.shopName;
    this._shopUrl = config.shopUrl;
    this._webhookActive = config.webhookActive;
    this._webhookUrl = config.webhookUrl;
  }

  // ==========
  // ATTRIBUTES
  // ==========

  // created_at - computed: true, optional: false, required: false
  public get createdAt() {
    return this.getStringAttribute('created_at');
  }

  // delete_on_destroy - computed: true, optional: true, required: false
  private _deleteOnDestroy?: boolean | cdktf.IResolvable; 
  public get deleteOnDestroy() {
    return this.getBooleanAttribute('delete_on_destroy');
  }
  public set deleteOnDestroy(value: boolean | cdktf.IResolvable) {
    this._deleteOnDestroy = value;
  }
  public resetDeleteOnDestroy() {
    this._deleteOnDestroy = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get deleteOnDestroyInput() {
    return this._deleteOnDestroy;
  }

  // feedback_type - computed: true, optional: true, required: false
  private _feedbackType?: string; 
  public get feedbackType() {
    return this.getStringAttribute('feedback_type');
  }
  public set feedbackType(value: string) {
    this._feedbackType = value;
  }
  public resetFeedbackType() {
    this._feedbackType = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get feedbackTypeInput() {
    return this._feedbackType;
  }

  // id - computed: true, optional: false, required: false
  public get id() {
    return this.getStringAttribute('id');
  }

  // integration_id - computed: false, optional: false, required: true
  private _integrationId?: number; 
  public get integrationId() {
    return this.getNumberAttribute('integration_id');
  }
  public set integrationId(value: number) {
    this._integrationId = value;
  }
  // Temporarily expose input value. Use with caution.
  public get integrationIdInput() {
    return this._integrationId;
  }

  // last_fetched_at - computed: true, optional: false, required: false
  public get lastFetchedAt() {
    return this.getStringAttribute('last_fetched_at');
  }

  // service_point_carriers - computed: true, optional: true, required: false
  private _servicePointCarriers?: string[]; 
  public get servicePointCarriers() {
    return cdktf.Fn.tolist(this.getListAttribute('service_point_carriers'));
  }
  public set servicePointCarriers(value: string[]) {
    this._servicePointCarriers = value;
  }
  public resetServicePointCarriers() {
    this._servicePointCarriers = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get servicePointCarriersInput() {
    return this._servicePointCarriers;
  }

  // service_point_enabled - computed: true, optional: true, required: false
  private _servicePointEnabled?: boolean | cdktf.IResolvable; 
  public get servicePointEnabled() {
    return this.getBooleanAttribute('service_point_enabled');
  }
  public set servicePointEnabled(value: boolean | cdktf.IResolvable) {
    this._servicePointEnabled = value;
  }
  public resetServicePointEnabled() {
    this._servicePointEnabled = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get servicePointEnabledInput() {
    return this._servicePointEnabled;
  }

  // shop_name - computed: true, optional: true, required: false
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

  // shop_url - computed: true, optional: true, required: false
  private _shopUrl?: string; 
  public get shopUrl() {
    return this.getStringAttribute('shop_url');
  }
  public set shopUrl(value: string) {
    this._shopUrl = value;
  }
  public resetShopUrl() {
    this._shopUrl = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get shopUrlInput() {
    return this._shopUrl;
  }

  // type - computed: true, optional: false, required: false
  public get type() {
    return this.getStringAttribute('type');
  }

  // updated_at - computed: true, optional: false, required: false
  public get updatedAt() {
    return this.getStringAttribute('updated_at');
  }

  // webhook_active - computed: true, optional: true, required: false
  private _webhookActive?: boolean | cdktf.IResolvable; 
  public get webhookActive() {
    return this.getBooleanAttribute('webhook_active');
  }
  public set webhookActive(value: boolean | cdktf.IResolvable) {
    this._webhookActive = value;
  }
  public resetWebhookActive() {
    this._webhookActive = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get webhookActiveInput() {
    return this._webhookActive;
  }

  // webhook_url - computed: true, optional: true, required: false
  private _webhookUrl?: string; 
  public get webhookUrl() {
    return this.getStringAttribute('webhook_url');
  }
  public set webhookUrl(value: string) {
    this._webhookUrl = value;
  }
  public resetWebhookUrl() {
    this._webhookUrl = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get webhookUrlInput() {
    return this._webhookUrl;
  }

  // =========
  // SYNTHESIS
  // =========

  protected synthesizeAttributes(): { [name: string]: any } {
    return {
      delete_on_destroy: cdktf.booleanToTerraform(this._deleteOnDestroy),
      feedback_type: cdktf.stringToTerraform(this._feedbackType),
      integration_id: cdktf.numberToTerraform(this._integrationId),
      service_point_carriers: cdktf.listMapper(cdktf.stringToTerraform, false)(this._servicePointCarriers),
      service_point_enabled: cdktf.booleanToTerraform(this._servicePointEnabled),
      shop_name: cdktf.stringToTerraform(this._shopName),
      shop_url: cdktf.stringToTerraform(this._shopUrl),
      webhook_active: cdktf.booleanToTerraform(this._webhookActive),
      webhook_url: cdktf.stringToTerraform(this._webhookUrl),
    };
  }

  protected synthesizeHclAttributes(): { [name: string]: any } {
    const attrs = {
      delete_on_destroy: {
        value: cdktf.booleanToHclTerraform(this._deleteOnDestroy),
        isBlock: false,
        type: "simple",
        storageClassType: "boolean",
      },
      feedback_type: {
        value: cdktf.stringToHclTerraform(this._feedbackType),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      integration_id: {
        value: cdktf.numberToHclTerraform(this._integrationId),
        isBlock: false,
        type: "simple",
        storageClassType: "number",
      },
      service_point_carriers: {
        value: cdktf.listMapperHcl(cdktf.stringToHclTerraform, false)(this._servicePointCarriers),
        isBlock: false,
        type: "set",
        storageClassType: "stringList",
      },
      service_point_enabled: {
        value: cdktf.booleanToHclTerraform(this._servicePointEnabled),
        isBlock: false,
        type: "simple",
        storageClassType: "boolean",
      },
      shop_name: {
        value: cdktf.stringToHclTerraform(this._shopName),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      shop_url: {
        value: cdktf.stringToHclTerraform(this._shopUrl),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      webhook_active: {
        value: cdktf.booleanToHclTerraform(this._webhookActive),
        isBlock: false,
        type: "simple",
        storageClassType: "boolean",
      },
      webhook_url: {
        value: cdktf.stringToHclTerraform(this._webhookUrl),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
    };

    // remove undefined attributes
    return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined ))
  }
}
