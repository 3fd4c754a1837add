// https://registry.terraform.io/providers/commerce-iac/sendcloud/latest/docs/resources/shop_order_status_mapping
// generated from terraform resource schema

import { Construct } from 'constructs';
import * as cdktf from 'cdktf';

// Configuration

export interface ShopOrderStatusMappingConfig extends cdktf.TerraformMetaArguments {
  /**
  * The id of the Prestashop v2 integration.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/commerce-iac/sendcloud/latest/docs/resources/shop_order_status_mapping#integration_id ShopOrderStatusMapping#integration_id}
  */
  readonly integrationId: number;
  /**
  * Status category (READY_TO_SEND, IN_TRANSIT, DELIVERED, CANCEL) to the external_id of one of the shop's order statuses. A category left out is unmapped.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/commerce-iac/sendcloud/latest/docs/resources/shop_order_status_mapping#mapping ShopOrderStatusMapping#mapping}
  */
  readonly mapping: { [key: string]: string };
}

/**
* Represents a {@link https://registry.terraform.io/providers/commerce-iac/sendcloud/latest/docs/resources/shop_order_status_mapping sendcloud_shop_order_status_mapping}
*/
export class ShopOrderStatusMapping extends cdktf.TerraformResource {

  // =================
  // STATIC PROPERTIES
  // =================
  public static readonly tfResourceType = "sendcloud_shop_order_status_mapping";

  // ==============
  // STATIC Methods
  // ==============
  /**
  * Generates CDKTF code for importing a ShopOrderStatusMapping resource upon running "cdktf plan <stack-name>"
  * @param scope The scope in which to define this construct
  * @param importToId The construct id used in the generated config for the ShopOrderStatusMapping to import
  * @param importFromId The id of the existing ShopOrderStatusMapping that should be imported. Refer to the {@link https://registry.terraform.io/providers/commerce-iac/sendcloud/latest/docs/resources/shop_order_status_mapping#import import section} in the documentation of this resource for the id to use
  * @param provider? Optional instance of the provider where the ShopOrderStatusMapping to import is found
  */
  public static generateConfigForImport(scope: Construct, importToId: string, importFromId: string, provider?: cdktf.TerraformProvider) {
        return new cdktf.ImportableResource(scope, importToId, { terraformResourceType: "sendcloud_shop_order_status_mapping", importId: importFromId, provider });
      }

  // ===========
  // INITIALIZER
  // ===========

  /**
  * Create a new {@link https://registry.terraform.io/providers/commerce-iac/sendcloud/latest/docs/resources/shop_order_status_mapping sendcloud_shop_order_status_mapping} Resource
  *
  * @param scope The scope in which to define this construct
  * @param id The scoped construct ID. Must be unique amongst siblings in the same scope
  * @param options ShopOrderStatusMappingConfig
  */
  public constructor(scope: Construct, id: string, config: ShopOrderStatusMappingConfig) {
    super(scope, id, {
      terraformResourceType: 'sendcloud_shop_order_status_mapping',
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
    this._integrationId = config.integrationId;
    this._mapping = config.mapping;
  }

  // ==========
  // ATTRIBUTES
  // ==========

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

  // mapping - computed: false, optional: false, required: true
  private _mapping?: { [key: string]: string }; 
  public get mapping() {
    return this.getStringMapAttribute('mapping');
  }
  public set mapping(value: { [key: string]: string }) {
    this._mapping = value;
  }
  // Temporarily expose input value. Use with caution.
  public get mappingInput() {
    return this._mapping;
  }

  // =========
  // SYNTHESIS
  // =========

  protected synthesizeAttributes(): { [name: string]: any } {
    return {
      integration_id: cdktf.numberToTerraform(this._integrationId),
      mapping: cdktf.hashMapper(cdktf.stringToTerraform)(this._mapping),
    };
  }

  protected synthesizeHclAttributes(): { [name: string]: any } {
    const attrs = {
      integration_id: {
        value: cdktf.numberToHclTerraform(this._integrationId),
        isBlock: false,
        type: "simple",
        storageClassType: "number",
      },
      mapping: {
        value: cdktf.hashMapperHcl(cdktf.stringToHclTerraform)(this._mapping),
        isBlock: false,
        type: "map",
        storageClassType: "stringMap",
      },
    };

    // remove undefined attributes
    return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined ))
  }
}
