// https://registry.terraform.io/providers/commerce-iac/sendcloud/latest/docs/resources/shop_order_statuses
// generated from terraform resource schema

import { Construct } from 'constructs';
import * as cdktf from 'cdktf';

// Configuration

export interface ShopOrderStatusesConfig extends cdktf.TerraformMetaArguments {
  /**
  * The id of the Prestashop v2 integration.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/commerce-iac/sendcloud/latest/docs/resources/shop_order_statuses#integration_id ShopOrderStatuses#integration_id}
  */
  readonly integrationId: number;
  /**
  * Every order status of the shop: external_id (the shop's id for it) and translations, its name by language (en-us, en-gb, fr-fr, de-de, nl-nl, es-es, it-it).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/commerce-iac/sendcloud/latest/docs/resources/shop_order_statuses#statuses ShopOrderStatuses#statuses}
  */
  readonly statuses: ShopOrderStatusesStatuses[] | cdktf.IResolvable;
}
export interface ShopOrderStatusesStatuses {
  /**
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/commerce-iac/sendcloud/latest/docs/resources/shop_order_statuses#external_id ShopOrderStatuses#external_id}
  */
  readonly externalId: string;
  /**
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/commerce-iac/sendcloud/latest/docs/resources/shop_order_statuses#translations ShopOrderStatuses#translations}
  */
  readonly translations: { [key: string]: string };
}

export function shopOrderStatusesStatusesToTerraform(struct?: ShopOrderStatusesStatuses | cdktf.IResolvable): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  return {
    external_id: cdktf.stringToTerraform(struct!.externalId),
    translations: cdktf.hashMapper(cdktf.stringToTerraform)(struct!.translations),
  }
}


export function shopOrderStatusesStatusesToHclTerraform(struct?: ShopOrderStatusesStatuses | cdktf.IResolvable): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  const attrs = {
    external_id: {
      value: cdktf.stringToHclTerraform(struct!.externalId),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    translations: {
      value: cdktf.hashMapperHcl(cdktf.stringToHclTerraform)(struct!.translations),
      isBlock: false,
      type: "map",
      storageClassType: "stringMap",
    },
  };

  // remove undefined attributes
  return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined));
}

export class ShopOrderStatusesStatusesOutputReference extends cdktf.ComplexObject {
  private isEmptyObject = false;
  private resolvableValue?: cdktf.IResolvable;

  /**
  * @param terraformResource The parent resource
  * @param terraformAttribute The attribute on the parent resource this class is referencing
  * @param complexObjectIndex the index of this item in the list
  * @param complexObjectIsFromSet whether the list is wrapping a set (will add tolist() to be able to access an item via an index)
  */
  public constructor(terraformResource: cdktf.IInterpolatingParent, terraformAttribute: string, complexObjectIndex: number, complexObjectIsFromSet: boolean) {
    super(terraformResource, terraformAttribute, complexObjectIsFromSet, complexObjectIndex);
  }

  public get internalValue(): ShopOrderStatusesStatuses | cdktf.IResolvable | undefined {
    if (this.resolvableValue) {
      return this.resolvableValue;
    }
    let hasAnyValues = this.isEmptyObject;
    const internalValueResult: any = {};
    if (this._externalId !== undefined) {
      hasAnyValues = true;
      internalValueResult.externalId = this._externalId;
    }
    if (this._translations !== undefined) {
      hasAnyValues = true;
      internalValueResult.translations = this._translations;
    }
    return hasAnyValues ? internalValueResult : undefined;
  }

  public set internalValue(value: ShopOrderStatusesStatuses | cdktf.IResolvable | undefined) {
    if (value === undefined) {
      this.isEmptyObject = false;
      this.resolvableValue = undefined;
      this._externalId = undefined;
      this._translations = undefined;
    }
    else if (cdktf.Tokenization.isResolvable(value)) {
      this.isEmptyObject = false;
      this.resolvableValue = value;
    }
    else {
      this.isEmptyObject = Object.keys(value).length === 0;
      this.resolvableValue = undefined;
      this._externalId = value.externalId;
      this._translations = value.translations;
    }
  }

  // external_id - computed: false, optional: false, required: true
  private _externalId?: string; 
  public get externalId() {
    return this.getStringAttribute('external_id');
  }
  public set externalId(value: string) {
    this._externalId = value;
  }
  // Temporarily expose input value. Use with caution.
  public get externalIdInput() {
    return this._externalId;
  }

  // translations - computed: false, optional: false, required: true
  private _translations?: { [key: string]: string }; 
  public get translations() {
    return this.getStringMapAttribute('translations');
  }
  public set translations(value: { [key: string]: string }) {
    this._translations = value;
  }
  // Temporarily expose input value. Use with caution.
  public get translationsInput() {
    return this._translations;
  }
}

export class ShopOrderStatusesStatusesList extends cdktf.ComplexList {
  public internalValue? : ShopOrderStatusesStatuses[] | cdktf.IResolvable

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
  public get(index: number): ShopOrderStatusesStatusesOutputReference {
    return new ShopOrderStatusesStatusesOutputReference(this.terraformResource, this.terraformAttribute, index, this.wrapsSet);
  }
}

/**
* Represents a {@link https://registry.terraform.io/providers/commerce-iac/sendcloud/latest/docs/resources/shop_order_statuses sendcloud_shop_order_statuses}
*/
export class ShopOrderStatuses extends cdktf.TerraformResource {

  // =================
  // STATIC PROPERTIES
  // =================
  public static readonly tfResourceType = "sendcloud_shop_order_statuses";

  // ==============
  // STATIC Methods
  // ==============
  /**
  * Generates CDKTF code for importing a ShopOrderStatuses resource upon running "cdktf plan <stack-name>"
  * @param scope The scope in which to define this construct
  * @param importToId The construct id used in the generated config for the ShopOrderStatuses to import
  * @param importFromId The id of the existing ShopOrderStatuses that should be imported. Refer to the {@link https://registry.terraform.io/providers/commerce-iac/sendcloud/latest/docs/resources/shop_order_statuses#import import section} in the documentation of this resource for the id to use
  * @param provider? Optional instance of the provider where the ShopOrderStatuses to import is found
  */
  public static generateConfigForImport(scope: Construct, importToId: string, importFromId: string, provider?: cdktf.TerraformProvider) {
        return new cdktf.ImportableResource(scope, importToId, { terraformResourceType: "sendcloud_shop_order_statuses", importId: importFromId, provider });
      }

  // ===========
  // INITIALIZER
  // ===========

  /**
  * Create a new {@link https://registry.terraform.io/providers/commerce-iac/sendcloud/latest/docs/resources/shop_order_statuses sendcloud_shop_order_statuses} Resource
  *
  * @param scope The scope in which to define this construct
  * @param id The scoped construct ID. Must be unique amongst siblings in the same scope
  * @param options ShopOrderStatusesConfig
  */
  public constructor(scope: Construct, id: string, config: ShopOrderStatusesConfig) {
    super(scope, id, {
      terraformResourceType: 'sendcloud_shop_order_statuses',
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
    this._statuses.internalValue = config.statuses;
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

  // statuses - computed: false, optional: false, required: true
  private _statuses = new ShopOrderStatusesStatusesList(this, "statuses", false);
  public get statuses() {
    return this._statuses;
  }
  public putStatuses(value: ShopOrderStatusesStatuses[] | cdktf.IResolvable) {
    this._statuses.internalValue = value;
  }
  // Temporarily expose input value. Use with caution.
  public get statusesInput() {
    return this._statuses.internalValue;
  }

  // =========
  // SYNTHESIS
  // =========

  protected synthesizeAttributes(): { [name: string]: any } {
    return {
      integration_id: cdktf.numberToTerraform(this._integrationId),
      statuses: cdktf.listMapper(shopOrderStatusesStatusesToTerraform, false)(this._statuses.internalValue),
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
      statuses: {
        value: cdktf.listMapperHcl(shopOrderStatusesStatusesToHclTerraform, false)(this._statuses.internalValue),
        isBlock: true,
        type: "list",
        storageClassType: "ShopOrderStatusesStatusesList",
      },
    };

    // remove undefined attributes
    return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined ))
  }
}
