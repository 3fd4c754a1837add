// https://registry.terraform.io/providers/commerce-iac/sendcloud/latest/docs/data-sources/integration_logs
// generated from terraform resource schema

import { Construct } from 'constructs';
import * as cdktf from 'cdktf';

// Configuration

export interface DataSendcloudIntegrationLogsConfig extends cdktf.TerraformMetaArguments {
  /**
  * Only this integration's logs. Left out, every log of the account.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/commerce-iac/sendcloud/latest/docs/data-sources/integration_logs#integration_id DataSendcloudIntegrationLogs#integration_id}
  */
  readonly integrationId?: number;
  /**
  * Only logs from this time on: a duration back from now (24h, 30m, 7d) or an RFC 3339 time. Logs that carry no time cannot be placed in that window: they are listed whatever their age, and a warning says so.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/commerce-iac/sendcloud/latest/docs/data-sources/integration_logs#since DataSendcloudIntegrationLogs#since}
  */
  readonly since?: string;
}
export interface DataSendcloudIntegrationLogsLogs {
}

export function dataSendcloudIntegrationLogsLogsToTerraform(struct?: DataSendcloudIntegrationLogsLogs): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  return {
  }
}


export function dataSendcloudIntegrationLogsLogsToHclTerraform(struct?: DataSendcloudIntegrationLogsLogs): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  const attrs = {
  };
  return attrs;
}

export class DataSendcloudIntegrationLogsLogsOutputReference extends cdktf.ComplexObject {
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

  public get internalValue(): DataSendcloudIntegrationLogsLogs | undefined {
    let hasAnyValues = this.isEmptyObject;
    const internalValueResult: any = {};
    return hasAnyValues ? internalValueResult : undefined;
  }

  public set internalValue(value: DataSendcloudIntegrationLogsLogs | undefined) {
    if (value === undefined) {
      this.isEmptyObject = false;
    }
    else {
      this.isEmptyObject = Object.keys(value).length === 0;
    }
  }

  // base_url - computed: true, optional: false, required: false
  public get baseUrl() {
    return this.getStringAttribute('base_url');
  }

  // created_at - computed: true, optional: false, required: false
  public get createdAt() {
    return this.getStringAttribute('created_at');
  }

  // exception - computed: true, optional: false, required: false
  public get exception() {
    return this.getStringAttribute('exception');
  }

  // exception_type - computed: true, optional: false, required: false
  public get exceptionType() {
    return this.getStringAttribute('exception_type');
  }

  // full_url - computed: true, optional: false, required: false
  public get fullUrl() {
    return this.getStringAttribute('full_url');
  }

  // id - computed: true, optional: false, required: false
  public get id() {
    return this.getNumberAttribute('id');
  }

  // integration_id - computed: true, optional: false, required: false
  public get integrationId() {
    return this.getNumberAttribute('integration_id');
  }

  // method - computed: true, optional: false, required: false
  public get method() {
    return this.getStringAttribute('method');
  }

  // response_code - computed: true, optional: false, required: false
  public get responseCode() {
    return this.getNumberAttribute('response_code');
  }
}

export class DataSendcloudIntegrationLogsLogsList extends cdktf.ComplexList {

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
  public get(index: number): DataSendcloudIntegrationLogsLogsOutputReference {
    return new DataSendcloudIntegrationLogsLogsOutputReference(this.terraformResource, this.terraformAttribute, index, this.wrapsSet);
  }
}

/**
* Represents a {@link https://registry.terraform.io/providers/commerce-iac/sendcloud/latest/docs/data-sources/integration_logs sendcloud_integration_logs}
*/
export class DataSendcloudIntegrationLogs extends cdktf.TerraformDataSource {

  // =================
  // STATIC PROPERTIES
  // =================
  public static readonly tfResourceType = "sendcloud_integration_logs";

  // ==============
  // STATIC Methods
  // ==============
  /**
  * Generates CDKTF code for importing a DataSendcloudIntegrationLogs resource upon running "cdktf plan <stack-name>"
  * @param scope The scope in which to define this construct
  * @param importToId The construct id used in the generated config for the DataSendcloudIntegrationLogs to import
  * @param importFromId The id of the existing DataSendcloudIntegrationLogs that should be imported. Refer to the {@link https://registry.terraform.io/providers/commerce-iac/sendcloud/latest/docs/data-sources/integration_logs#import import section} in the documentation of this resource for the id to use
  * @param provider? Optional instance of the provider where the DataSendcloudIntegrationLogs to import is found
  */
  public static generateConfigForImport(scope: Construct, importToId: string, importFromId: string, provider?: cdktf.TerraformProvider) {
        return new cdktf.ImportableResource(scope, importToId, { terraformResourceType: "sendcloud_integration_logs", importId: importFromId, provider });
      }

  // ===========
  // INITIALIZER
  // ===========

  /**
  * Create a new {@link https://registry.terraform.io/providers/commerce-iac/sendcloud/latest/docs/data-sources/integration_logs sendcloud_integration_logs} Data Source
  *
  * @param scope The scope in which to define this construct
  * @param id The scoped construct ID. Must be unique amongst siblings in the same scope
  * @param options DataSendcloudIntegrationLogsConfig = {}
  */
  public constructor(scope: Construct, id: string, config: DataSendcloudIntegrationLogsConfig = {}) {
    super(scope, id, {
      terraformResourceType: 'sendcloud_integration_logs',
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
    this._since = config.since;
  }

  // ==========
  // ATTRIBUTES
  // ==========

  // integration_id - computed: false, optional: true, required: false
  private _integrationId?: number; 
  public get integrationId() {
    return this.getNumberAttribute('integration_id');
  }
  public set integrationId(value: number) {
    this._integrationId = value;
  }
  public resetIntegrationId() {
    this._integrationId = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get integrationIdInput() {
    return this._integrationId;
  }

  // log_count - computed: true, optional: false, required: false
  public get logCount() {
    return this.getNumberAttribute('log_count');
  }

  // logs - computed: true, optional: false, required: false
  private _logs = new DataSendcloudIntegrationLogsLogsList(this, "logs", false);
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
      integration_id: cdktf.numberToTerraform(this._integrationId),
      since: cdktf.stringToTerraform(this._since),
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
