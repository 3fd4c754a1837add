/**
 * TypeScript shapes of the tfplugin6 messages this server reads and writes, in the
 * field names of provider/proto/tfplugin6.proto (snake_case, as loaded).
 * Requests are decoded with defaults off: absent fields are undefined.
 */

export interface DynamicValue {
  msgpack?: Uint8Array;
  json?: Uint8Array;
}

export interface AttributePathStep {
  attribute_name?: string;
  element_key_string?: string;
  element_key_int?: number;
}

export interface AttributePathMessage {
  steps: AttributePathStep[];
}

export type Severity = 'INVALID' | 'ERROR' | 'WARNING';

export interface DiagnosticMessage {
  severity: Severity;
  summary: string;
  detail?: string;
  attribute?: AttributePathMessage;
}

export interface RawState {
  json?: Uint8Array;
  flatmap?: Record<string, string>;
}

export interface SchemaAttributeMessage {
  name: string;
  type?: Uint8Array;
  nested_type?: { attributes: SchemaAttributeMessage[]; nesting: 'SINGLE' };
  description: string;
  description_kind: 'PLAIN';
  required: boolean;
  optional: boolean;
  computed: boolean;
  sensitive: boolean;
  write_only?: boolean;
}

export interface SchemaMessage {
  version: number;
  block: {
    version: number;
    attributes: SchemaAttributeMessage[];
    block_types: never[];
    description: string;
    description_kind: 'PLAIN';
  };
}

export interface ServerCapabilities {
  plan_destroy: boolean;
  get_provider_schema_optional: boolean;
  move_resource_state: boolean;
}

export interface WithDiagnostics {
  diagnostics?: DiagnosticMessage[];
}

export interface GetProviderSchemaResponse extends WithDiagnostics {
  provider: SchemaMessage;
  resource_schemas: Record<string, SchemaMessage>;
  data_source_schemas: Record<string, SchemaMessage>;
  functions: Record<string, never>;
  ephemeral_resource_schemas: Record<string, never>;
  server_capabilities: ServerCapabilities;
}

export interface GetMetadataResponse extends WithDiagnostics {
  server_capabilities: ServerCapabilities;
  data_sources: { type_name: string }[];
  resources: { type_name: string }[];
  functions: { name: string }[];
  ephemeral_resources: { type_name: string }[];
}

export interface ValidateProviderConfigRequest {
  config?: DynamicValue;
}

/** What Terraform announces it can handle (protocol 6.8's write_only_attributes_allowed: Terraform 1.11+). */
export interface ClientCapabilities {
  deferral_allowed?: boolean;
  write_only_attributes_allowed?: boolean;
}

export interface ValidateResourceConfigRequest {
  type_name: string;
  config?: DynamicValue;
  client_capabilities?: ClientCapabilities;
}

export interface ValidateDataResourceConfigRequest {
  type_name: string;
  config?: DynamicValue;
}

export interface UpgradeResourceStateRequest {
  type_name: string;
  version?: number;
  raw_state?: RawState;
}

export interface UpgradeResourceStateResponse extends WithDiagnostics {
  upgraded_state?: DynamicValue;
}

export interface ConfigureProviderRequest {
  terraform_version?: string;
  config?: DynamicValue;
}

export interface ReadResourceRequest {
  type_name: string;
  current_state?: DynamicValue;
  private?: Uint8Array;
}

export interface ReadResourceResponse extends WithDiagnostics {
  new_state?: DynamicValue;
  private?: Uint8Array;
}

export interface PlanResourceChangeRequest {
  type_name: string;
  prior_state?: DynamicValue;
  proposed_new_state?: DynamicValue;
  config?: DynamicValue;
  prior_private?: Uint8Array;
}

export interface PlanResourceChangeResponse extends WithDiagnostics {
  planned_state?: DynamicValue;
  requires_replace?: AttributePathMessage[];
  planned_private?: Uint8Array;
}

export interface ApplyResourceChangeRequest {
  type_name: string;
  prior_state?: DynamicValue;
  planned_state?: DynamicValue;
  config?: DynamicValue;
  planned_private?: Uint8Array;
}

export interface ApplyResourceChangeResponse extends WithDiagnostics {
  new_state?: DynamicValue;
  private?: Uint8Array;
}

export interface ImportResourceStateRequest {
  type_name: string;
  id: string;
}

export interface ImportResourceStateResponse extends WithDiagnostics {
  imported_resources?: { type_name: string; state: DynamicValue; private?: Uint8Array }[];
}

export interface MoveResourceStateRequest {
  source_provider_address?: string;
  source_type_name?: string;
  target_type_name?: string;
}

export interface ReadDataSourceRequest {
  type_name: string;
  config?: DynamicValue;
}

export interface ReadDataSourceResponse extends WithDiagnostics {
  state?: DynamicValue;
}

export interface TypeNameRequest {
  type_name?: string;
}

export interface CallFunctionRequest {
  name?: string;
}

export interface CallFunctionResponse {
  result?: DynamicValue;
  error?: { text: string; function_argument?: number };
}
