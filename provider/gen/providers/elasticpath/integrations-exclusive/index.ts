// https://registry.terraform.io/providers/commerce-iac/elasticpath/latest/docs/resources/integrations_exclusive
// generated from terraform resource schema

import { Construct } from 'constructs';
import * as cdktf from 'cdktf';

// Configuration

export interface IntegrationsExclusiveConfig extends cdktf.TerraformMetaArguments {
  /**
  * Glob patterns (* and ?) of integration names owned elsewhere (another repository, the vendor's own apps): matching integrations are never reported or removed.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/commerce-iac/elasticpath/latest/docs/resources/integrations_exclusive#ignore_names IntegrationsExclusive#ignore_names}
  */
  readonly ignoreNames?: string[];
  /**
  * The ids of the Elastic Path integrations this configuration owns, normally references to the integration resources' ids.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/commerce-iac/elasticpath/latest/docs/resources/integrations_exclusive#integration_ids IntegrationsExclusive#integration_ids}
  */
  readonly integrationIds: string[];
  /**
  * When true, apply deletes the undeclared integrations the plan shows (the first apply, which creates this resource, only records them). When false (the default) they are reported only.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/commerce-iac/elasticpath/latest/docs/resources/integrations_exclusive#prune IntegrationsExclusive#prune}
  */
  readonly prune?: boolean | cdktf.IResolvable;
}
export interface IntegrationsExclusiveUnmanaged {
}

export function integrationsExclusiveUnmanagedToTerraform(struct?: IntegrationsExclusiveUnmanaged): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  return {
  }
}


export function integrationsExclusiveUnmanagedToHclTerraform(struct?: IntegrationsExclusiveUnmanaged): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  const attrs = {
  };
  return attrs;
}

export class IntegrationsExclusiveUnmanagedOutputReference extends cdktf.ComplexObject {
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

  public get internalValue(): IntegrationsExclusiveUnmanaged | undefined {
    let hasAnyValues = this.isEmptyObject;
    const internalValueResult: any = {};
    return hasAnyValues ? internalValueResult : undefined;
  }

  public set internalValue(value: IntegrationsExclusiveUnmanaged | undefined) {
    if (value === undefined) {
      this.isEmptyObject = false;
    }
    else {
      this.isEmptyObject = Object.keys(value).length === 0;
    }
  }

  // destination - computed: true, optional: false, required: false
  public get destination() {
    return this.getStringAttribute('destination');
  }

  // enabled - computed: true, optional: false, required: false
  public get enabled() {
    return this.getBooleanAttribute('enabled');
  }

  // id - computed: true, optional: false, required: false
  public get id() {
    return this.getStringAttribute('id');
  }

  // name - computed: true, optional: false, required: false
  public get name() {
    return this.getStringAttribute('name');
  }

  // observes - computed: true, optional: false, required: false
  public get observes() {
    return this.getListAttribute('observes');
  }

  // type - computed: true, optional: false, required: false
  public get type() {
    return this.getStringAttribute('type');
  }
}

export class IntegrationsExclusiveUnmanagedList extends cdktf.ComplexList {

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
  public get(index: number): IntegrationsExclusiveUnmanagedOutputReference {
    return new IntegrationsExclusiveUnmanagedOutputReference(this.terraformResource, this.terraformAttribute, index, this.wrapsSet);
  }
}

/**
* Represents a {@link https://registry.terraform.io/providers/commerce-iac/elasticpath/latest/docs/resources/integrations_exclusive elasticpath_integrations_exclusive}
*/
export class IntegrationsExclusive extends cdktf.TerraformResource {

  // =================
  // STATIC PROPERTIES
  // =================
  public static readonly tfResourceType = "elasticpath_integrations_exclusive";

  // ==============
  // STATIC Methods
  // ==============
  /**
  * Generates CDKTF code for importing a IntegrationsExclusive resource upon running "cdktf plan <stack-name>"
  * @param scope The scope in which to define this construct
  * @param importToId The construct id used in the generated config for the IntegrationsExclusive to import
  * @param importFromId The id of the existing IntegrationsExclusive that should be imported. Refer to the {@link https://registry.terraform.io/providers/commerce-iac/elasticpath/latest/docs/resources/integrations_exclusive#import import section} in the documentation of this resource for the id to use
  * @param provider? Optional instance of the provider where the IntegrationsExclusive to import is found
  */
  public static generateConfigForImport(scope: Construct, importToId: string, importFromId: string, provider?: cdktf.TerraformProvider) {
        return new cdktf.ImportableResource(scope, importToId, { terraformResourceType: "elasticpath_integrations_exclusive", importId: importFromId, provider });
      }

  // ===========
  // INITIALIZER
  // ===========

  /**
  * Create a new {@link https://registry.terraform.io/providers/commerce-iac/elasticpath/latest/docs/resources/integrations_exclusive elasticpath_integrations_exclusive} Resource
  *
  * @param scope The scope in which to define this construct
  * @param id The scoped construct ID. Must be unique amongst siblings in the same scope
  * @param options IntegrationsExclusiveConfig
  */
  public constructor(scope: Construct, id: string, config: IntegrationsExclusiveConfig) {
    super(scope, id, {
      terraformResourceType: 'elasticpath_integrations_exclusive',
      terraformGeneratorMetadata: {
        providerName: 'elasticpath',
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
    this._ignoreNames = config.ignoreNames;
    this._integrationIds = config.integrationIds;
    this._prune = config.prune;
  }

  // ==========
  // ATTRIBUTES
  // ==========

  // id - computed: true, optional: false, required: false
  public get id() {
    return this.getStringAttribute('id');
  }

  // ignore_names - computed: false, optional: true, required: false
  private _ignoreNames?: string[]; 
  public get ignoreNames() {
    return cdktf.Fn.tolist(this.getListAttribute('ignore_names'));
  }
  public set ignoreNames(value: string[]) {
    this._ignoreNames = value;
  }
  public resetIgnoreNames() {
    this._ignoreNames = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get ignoreNamesInput() {
    return this._ignoreNames;
  }

  // integration_ids - computed: false, optional: false, required: true
  private _integrationIds?: string[]; 
  public get integrationIds() {
    return cdktf.Fn.tolist(this.getListAttribute('integration_ids'));
  }
  public set integrationIds(value: string[]) {
    this._integrationIds = value;
  }
  // Temporarily expose input value. Use with caution.
  public get integrationIdsInput() {
    return this._integrationIds;
  }

  // prune - computed: true, optional: true, required: false
  private _prune?: boolean | cdktf.IResolvable; 
  public get prune() {
    return this.getBooleanAttribute('prune');
  }
  public set prune(value: boolean | cdktf.IResolvable) {
    this._prune = value;
  }
  public resetPrune() {
    this._prune = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get pruneInput() {
    return this._prune;
  }

  // unmanaged - computed: true, optional: false, required: false
  private _unmanaged = new IntegrationsExclusiveUnmanagedList(this, "unmanaged", false);
  public get unmanaged() {
    return this._unmanaged;
  }

  // =========
  // SYNTHESIS
  // =========

  protected synthesizeAttributes(): { [name: string]: any } {
    return {
      ignore_names: cdktf.listMapper(cdktf.stringToTerraform, false)(this._ignoreNames),
      integration_ids: cdktf.listMapper(cdktf.stringToTerraform, false)(this._integrationIds),
      prune: cdktf.booleanToTerraform(this._prune),
    };
  }

  protected synthesizeHclAttributes(): { [name: string]: any } {
    const attrs = {
      ignore_names: {
        value: cdktf.listMapperHcl(cdktf.stringToHclTerraform, false)(this._ignoreNames),
        isBlock: false,
        type: "set",
        storageClassType: "stringList",
      },
      integration_ids: {
        value: cdktf.listMapperHcl(cdktf.stringToHclTerraform, false)(this._integrationIds),
        isBlock: false,
        type: "set",
        storageClassType: "stringList",
      },
      prune: {
        value: cdktf.booleanToHclTerraform(this._prune),
        isBlock: false,
        type: "simple",
        storageClassType: "boolean",
      },
    };

    // remove undefined attributes
    return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined ))
  }
}
