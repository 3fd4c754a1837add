// https://registry.terraform.io/providers/commerce-iac/elasticpath/latest/docs/data-sources/integration_logs
// generated from terraform resource schema

import { Construct } from 'constructs';
import * as cdktf from 'cdktf';

// Configuration

export interface DataElasticpathIntegrationLogsConfig extends cdktf.TerraformMetaArguments {
  /**
  * Only failed attempts. Defaults to false.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/commerce-iac/elasticpath/latest/docs/data-sources/integration_logs#failures_only DataElasticpathIntegrationLogs#failures_only}
  */
  readonly failuresOnly?: boolean | cdktf.IResolvable;
  /**
  * Only this integration's logs. Left out, every log of the store.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/commerce-iac/elasticpath/latest/docs/data-sources/integration_logs#integration_id DataElasticpathIntegrationLogs#integration_id}
  */
  readonly integrationId?: string;
  /**
  * Only attempts from this time on: a duration back from now (24h, 30m, 7d) or an RFC 3339 time. Attempts that carry no time cannot be placed in that window: they are listed whatever their age, and a warning says so. Elastic Path's API gives its logs no time, so against the real API since narrows nothing: compare log ids with an earlier read instead.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/commerce-iac/elasticpath/latest/docs/data-sources/integration_logs#since DataElasticpathIntegrationLogs#since}
  */
  readonly since?: string;
}
export interface DataElasticpathIntegrationLogsLogs {
}

export function dataElasticpathIntegrationLogsLogsToTerraform(struct?: DataElasticpathIntegrationLogsLogs): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  return {
  }
}


export function dataElasticpathIntegrationLogsLogsToHclTerraform(struct?: DataElasticpathIntegrationLogsLogs): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  const attrs = {
  };
  return attrs;
}

export class DataElasticpathIntegrationLogsLogsOutputReference extends cdktf.ComplexObject {
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

  public get internalValue(): DataElasticpathIntegrationLogsLogs | undefined {
    let hasAnyValues = this.isEmptyObject;
    const internalValueResult: any = {};
    return hasAnyValues ? internalValueResult : undefined;
  }

  public set internalValue(value: DataElasticpathIntegrationLogsLogs | undefined) {
    if (value === undefined) {
      this.isEmptyObject = false;
    }
    else {
      this.isEmptyObject = Object.keys(value).length === 0;
    }
  }

  // attempt - computed: true, optional: false, required: false
  public get attempt() {
    return this.getNumberAttribute('attempt');
  }

  // body - computed: true, optional: false, required: false
  public get body() {
    return this.getStringAttribute('body');
  }

  // created_at - computed: true, optional: false, required: false
  public get createdAt() {
    return this.getStringAttribute('created_at');
  }

  // error_detail - computed: true, optional: false, required: false
  public get errorDetail() {
    return this.getStringAttribute('error_detail');
  }

  // id - computed: true, optional: false, required: false
  public get id() {
    return this.getStringAttribute('id');
  }

  // integration_id - computed: true, optional: false, required: false
  public get integrationId() {
    return this.getStringAttribute('integration_id');
  }

  // job_id - computed: true, optional: false, required: false
  public get jobId() {
    return this.getStringAttribute('job_id');
  }

  // status_code - computed: true, optional: false, required: false
  public get statusCode() {
    return this.getNumberAttribute('status_code');
  }

  // succeeded - computed: true, optional: false, required: false
  public get succeeded() {
    return this.getBooleanAttribute('succeeded');
  }
}

export class DataElasticpathIntegrationLogsLogsList extends cdktf.ComplexList {

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
  public get(index: number): DataElasticpathIntegrationLogsLogsOutputReference {
    return new DataElasticpathIntegrationLogsLogsOutputReference(this.terraformResource, this.terraformAttribute, index, this.wrapsSet);
  }
}

/**
* Represents a {@link https://registry.terraform.io/providers/commerce-iac/elasticpath/latest/docs/data-sources/integration_logs elasticpath_integration_logs}
*/
export class DataElasticpathIntegrationLogs extends cdktf.TerraformDataSource {

  // =================
  // STATIC PROPERTIES
  // =================
  public static readonly tfResourceType = "elasticpath_integration_logs";

  // ==============
  // STATIC Methods
  // ==============
  /**
  * Generates CDKTF code for importing a DataElasticpathIntegrationLogs resource upon running "cdktf plan <stack-name>"
  * @param scope The scope in which to define this construct
  * @param importToId The construct id used in the generated config for the DataElasticpathIntegrationLogs to import
  * @param importFromId The id of the existing DataElasticpathIntegrationLogs that should be imported. Refer to the {@link https://registry.terraform.io/providers/commerce-iac/elasticpath/latest/docs/data-sources/integration_logs#import import section} in the documentation of this resource for the id to use
  * @param provider? Optional instance of the provider where the DataElasticpathIntegrationLogs to import is found
  */
  public static generateConfigForImport(scope: Construct, importToId: string, importFromId: string, provider?: cdktf.TerraformProvider) {
        return new cdktf.ImportableResource(scope, importToId, { terraformResourceType: "elasticpath_integration_logs", importId: importFromId, provider });
      }

  // ===========
  // INITIALIZER
  // ===========

  /**
  * Create a new {@link https://registry.terraform.io/providers/commerce-iac/elasticpath/latest/docs/data-sources/integration_logs elasticpath_integration_logs} Data Source
  *
  * @param scope The scope in which to define this construct
  * @param id The scoped construct ID. Must be unique amongst siblings in the same scope
  * @param options DataElasticpathIntegrationLogsConfig = {}
  */
  public constructor(scope: Construct, id: string, config: DataElasticpathIntegrationLogsConfig = {}) {
    super(scope, id, {
      terraformResourceType: 'elasticpath_integration_logs',
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
    this._failuresOnly = config.failuresOnly;
    this._integrationId = config.integrationId;
    this._since = config.since;
  }

  // ==========
  // ATTRIBUTES
  // ==========

  // failure_count - computed: true, optional: false, required: false
  public get failureCount() {
    return this.getNumberAttribute('failure_count');
  }

  // failures_only - computed: false, optional: true, required: false
  private _failuresOnly?: boolean | cdktf.IResolvable; 
  public get failuresOnly() {
    return this.getBooleanAttribute('failures_only');
  }
  public set failuresOnly(value: boolean | cdktf.IResolvable) {
    this._failuresOnly = value;
  }
  public resetFailuresOnly() {
    this._failuresOnly = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get failuresOnlyInput() {
    return this._failuresOnly;
  }

  // integration_id - computed: false, optional: true, required: false
  private _integrationId?: string; 
  public get integrationId() {
    return this.getStringAttribute('integration_id');
  }
  public set integrationId(value: string) {
    this._integrationId = value;
  }
  public resetIntegrationId() {
    this._integrationId = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get integrationIdInput() {
    return this._integrationId;
  }

  // logs - computed: true, optional: false, required: false
  private _logs = new DataElasticpathIntegrationLogsLogsList(this, "logs", false);
  public get logs() {
    return this._logs;
  }

  // since - computed: false, optional: true, required: false
  private _since?: string; 
  public get since() {
    return this.getStringAttribute('since');
  }
  public set since(value: string) {
    this._since = value;
  }
  public resetSince() {
    this._since = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get sinceInput() {
    return this._since;
  }

  // =========
  // SYNTHESIS
  // =========

  protected synthesizeAttributes(): { [name: string]: any } {
    return {
      failures_only: cdktf.booleanToTerraform(this._failuresOnly),
      integration_id: cdktf.stringToTerraform(this._integrationId),
      since: cdktf.stringToTerraform(this._since),
    };
  }

  protected synthesizeHclAttributes(): { [name: string]: any } {
    const attrs = {
      failures_only: {
        value: cdktf.booleanToHclTerraform(this._failuresOnly),
        isBlock: false,
        type: "simple",
        storageClassType: "boolean",
      },
      integration_id: {
        value: cdktf.stringToHclTerraform(this._integrationId),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      since: {
        value: cdktf.stringToHclTerraform(this._since),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
    };

    // remove undefined attributes
    return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined ))
  }
}
