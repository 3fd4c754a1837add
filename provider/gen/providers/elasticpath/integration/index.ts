// https://registry.terraform.io/providers/commerce-iac/elasticpath/latest/docs/resources/integration
// generated from terraform resource schema

import { Construct } from 'constructs';
import * as cdktf from 'cdktf';

// Configuration

export interface IntegrationConfig extends cdktf.TerraformMetaArguments {
  /**
  * Where events go; which fields are required depends on integration_type.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/commerce-iac/elasticpath/latest/docs/resources/integration#configuration Integration#configuration}
  */
  readonly configuration: IntegrationConfiguration;
  /**
  * What the integration is for. Left out, the remote description is kept as it is.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/commerce-iac/elasticpath/latest/docs/resources/integration#description Integration#description}
  */
  readonly description?: string;
  /**
  * Whether events are delivered. Defaults to true.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/commerce-iac/elasticpath/latest/docs/resources/integration#enabled Integration#enabled}
  */
  readonly enabled?: boolean | cdktf.IResolvable;
  /**
  * How events are delivered: webhook, aws_sqs or stomp.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/commerce-iac/elasticpath/latest/docs/resources/integration#integration_type Integration#integration_type}
  */
  readonly integrationType: string;
  /**
  * The name of the integration.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/commerce-iac/elasticpath/latest/docs/resources/integration#name Integration#name}
  */
  readonly name: string;
  /**
  * The events to observe, at most 5 (e.g. order.paid). Order does not matter.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/commerce-iac/elasticpath/latest/docs/resources/integration#observes Integration#observes}
  */
  readonly observes: string[];
}
export interface IntegrationConfiguration {
  /**
  * STOMP: the broker addresses, e.g. stomp+ssl://broker.example.com:61614.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/commerce-iac/elasticpath/latest/docs/resources/integration#addresses Integration#addresses}
  */
  readonly addresses?: string[];
  /**
  * AWS SQS: the access key id.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/commerce-iac/elasticpath/latest/docs/resources/integration#aws_access_key_id Integration#aws_access_key_id}
  */
  readonly awsAccessKeyId?: string;
  /**
  * AWS SQS: the secret access key.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/commerce-iac/elasticpath/latest/docs/resources/integration#aws_secret_access_key Integration#aws_secret_access_key}
  */
  readonly awsSecretAccessKey?: string;
  /**
  * AWS SQS: the secret access key. Write-only (Terraform 1.11 or later): sent to Elastic Path, never kept in plan or state. Use instead of aws_secret_access_key, together with aws_secret_access_key_wo_version.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/commerce-iac/elasticpath/latest/docs/resources/integration#aws_secret_access_key_wo Integration#aws_secret_access_key_wo}
  */
  readonly awsSecretAccessKeyWo?: string;
  /**
  * Goes with aws_secret_access_key_wo: raise it (1, 2, ...) to send a new aws_secret_access_key_wo. Reads as null when the secret in Elastic Path no longer matches the one last sent, so the next apply sends it again.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/commerce-iac/elasticpath/latest/docs/resources/integration#aws_secret_access_key_wo_version Integration#aws_secret_access_key_wo_version}
  */
  readonly awsSecretAccessKeyWoVersion?: number;
  /**
  * STOMP: the destination, e.g. /queue/orders.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/commerce-iac/elasticpath/latest/docs/resources/integration#destination Integration#destination}
  */
  readonly destination?: string;
  /**
  * STOMP: the password.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/commerce-iac/elasticpath/latest/docs/resources/integration#password Integration#password}
  */
  readonly password?: string;
  /**
  * STOMP: the password. Write-only (Terraform 1.11 or later): sent to Elastic Path, never kept in plan or state. Use instead of password, together with password_wo_version.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/commerce-iac/elasticpath/latest/docs/resources/integration#password_wo Integration#password_wo}
  */
  readonly passwordWo?: string;
  /**
  * Goes with password_wo: raise it (1, 2, ...) to send a new password_wo. Reads as null when the secret in Elastic Path no longer matches the one last sent, so the next apply sends it again.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/commerce-iac/elasticpath/latest/docs/resources/integration#password_wo_version Integration#password_wo_version}
  */
  readonly passwordWoVersion?: number;
  /**
  * AWS SQS: the queue region, e.g. eu-west-1.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/commerce-iac/elasticpath/latest/docs/resources/integration#region Integration#region}
  */
  readonly region?: string;
  /**
  * Webhook: sent as the X-MOLTIN-SECRET-KEY header so the receiver can authenticate the call.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/commerce-iac/elasticpath/latest/docs/resources/integration#secret_key Integration#secret_key}
  */
  readonly secretKey?: string;
  /**
  * Webhook: sent as the X-MOLTIN-SECRET-KEY header so the receiver can authenticate the call. Write-only (Terraform 1.11 or later): sent to Elastic Path, never kept in plan or state. Use instead of secret_key, together with secret_key_wo_version.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/commerce-iac/elasticpath/latest/docs/resources/integration#secret_key_wo Integration#secret_key_wo}
  */
  readonly secretKeyWo?: string;
  /**
  * Goes with secret_key_wo: raise it (1, 2, ...) to send a new secret_key_wo. Reads as null when the secret in Elastic Path no longer matches the one last sent, so the next apply sends it again.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/commerce-iac/elasticpath/latest/docs/resources/integration#secret_key_wo_version Integration#secret_key_wo_version}
  */
  readonly secretKeyWoVersion?: number;
  /**
  * Webhook: the URL Elastic Path calls. AWS SQS: the queue URL.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/commerce-iac/elasticpath/latest/docs/resources/integration#url Integration#url}
  */
  readonly url?: string;
  /**
  * STOMP: the user name.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/commerce-iac/elasticpath/latest/docs/resources/integration#username Integration#username}
  */
  readonly username?: string;
}

export function integrationConfigurationToTerraform(struct?: IntegrationConfiguration | cdktf.IResolvable): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  return {
    addresses: cdktf.listMapper(cdktf.stringToTerraform, false)(struct!.addresses),
    aws_access_key_id: cdktf.stringToTerraform(struct!.awsAccessKeyId),
    aws_secret_access_key: cdktf.stringToTerraform(struct!.awsSecretAccessKey),
    aws_secret_access_key_wo: cdktf.stringToTerraform(struct!.awsSecretAccessKeyWo),
    aws_secret_access_key_wo_version: cdktf.numberToTerraform(struct!.awsSecretAccessKeyWoVersion),
    destination: cdktf.stringToTerraform(struct!.destination),
    password: cdktf.stringToTerraform(struct!.password),
    password_wo: cdktf.stringToTerraform(struct!.passwordWo),
    password_wo_version: cdktf.numberToTerraform(struct!.passwordWoVersion),
    region: cdktf.stringToTerraform(struct!.region),
    secret_key: cdktf.stringToTerraform(struct!.secretKey),
    secret_key_wo: cdktf.stringToTerraform(struct!.secretKeyWo),
    secret_key_wo_version: cdktf.numberToTerraform(struct!.secretKeyWoVersion),
    url: cdktf.stringToTerraform(struct!.url),
    username: cdktf.stringToTerraform(struct!.username),
  }
}


export function integrationConfigurationToHclTerraform(struct?: IntegrationConfiguration | cdktf.IResolvable): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  const attrs = {
    addresses: {
      value: cdktf.listMapperHcl(cdktf.stringToHclTerraform, false)(struct!.addresses),
      isBlock: false,
      type: "list",
      storageClassType: "stringList",
    },
    aws_access_key_id: {
      value: cdktf.stringToHclTerraform(struct!.awsAccessKeyId),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    aws_secret_access_key: {
      value: cdktf.stringToHclTerraform(struct!.awsSecretAccessKey),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    aws_secret_access_key_wo: {
      value: cdktf.stringToHclTerraform(struct!.awsSecretAccessKeyWo),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    aws_secret_access_key_wo_version: {
      value: cdktf.numberToHclTerraform(struct!.awsSecretAccessKeyWoVersion),
      isBlock: false,
      type: "simple",
      storageClassType: "number",
    },
    destination: {
      value: cdktf.stringToHclTerraform(struct!.destination),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    password: {
      value: cdktf.stringToHclTerraform(struct!.password),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    password_wo: {
      value: cdktf.stringToHclTerraform(struct!.passwordWo),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    password_wo_version: {
      value: cdktf.numberToHclTerraform(struct!.passwordWoVersion),
      isBlock: false,
      type: "simple",
      storageClassType: "number",
    },
    region: {
      value: cdktf.stringToHclTerraform(struct!.region),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    secret_key: {
      value: cdktf.stringToHclTerraform(struct!.secretKey),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    secret_key_wo: {
      value: cdktf.stringToHclTerraform(struct!.secretKeyWo),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    secret_key_wo_version: {
      value: cdktf.numberToHclTerraform(struct!.secretKeyWoVersion),
      isBlock: false,
      type: "simple",
      storageClassType: "number",
    },
    url: {
      value: cdktf.stringToHclTerraform(struct!.url),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    username: {
      value: cdktf.stringToHclTerraform(struct!.username),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
  };

  // remove undefined attributes
  return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined));
}

export class IntegrationConfigurationOutputReference extends cdktf.ComplexObject {
  private isEmptyObject = false;
  private resolvableValue?: cdktf.IResolvable;

  /**
  * @param terraformResource The parent resource
  * @param terraformAttribute The attribute on the parent resource this class is referencing
  */
  public constructor(terraformResource: cdktf.IInterpolatingParent, terraformAttribute: string) {
    super(terraformResource, terraformAttribute, false);
  }

  public get internalValue(): IntegrationConfiguration | cdktf.IResolvable | undefined {
    if (this.resolvableValue) {
      return this.resolvableValue;
    }
    let hasAnyValues = this.isEmptyObject;
    const internalValueResult: any = {};
    if (this._addresses !== undefined) {
      hasAnyValues = true;
      internalValueResult.addresses = this._addresses;
    }
    if (this._awsAccessKeyId !== undefined) {
      hasAnyValues = true;
      internalValueResult.awsAccessKeyId = this._awsAccessKeyId;
    }
    if (this._awsSecretAccessKey !== undefined) {
      hasAnyValues = true;
      internalValueResult.awsSecretAccessKey = this._awsSecretAccessKey;
    }
    if (this._awsSecretAccessKeyWo !== undefined) {
      hasAnyValues = true;
      internalValueResult.awsSecretAccessKeyWo = this._awsSecretAccessKeyWo;
    }
    if (this._awsSecretAccessKeyWoVersion !== undefined) {
      hasAnyValues = true;
      internalValueResult.awsSecretAccessKeyWoVersion = this._awsSecretAccessKeyWoVersion;
    }
    if (this._destination !== undefined) {
      hasAnyValues = true;
      internalValueResult.destination = this._destination;
    }
    if (this._password !== undefined) {
      hasAnyValues = true;
      internalValueResult.password = this._password;
    }
    if (this._passwordWo !== undefined) {
      hasAnyValues = true;
      internalValueResult.passwordWo = this._passwordWo;
    }
    if (this._passwordWoVersion !== undefined) {
      hasAnyValues = true;
      internalValueResult.passwordWoVersion = this._passwordWoVersion;
    }
    if (this._region !== undefined) {
      hasAnyValues = true;
      internalValueResult.region = this._region;
    }
    if (this._secretKey !== undefined) {
      hasAnyValues = true;
      internalValueResult.secretKey = this._secretKey;
    }
    if (this._secretKeyWo !== undefined) {
      hasAnyValues = true;
      internalValueResult.secretKeyWo = this._secretKeyWo;
    }
    if (this._secretKeyWoVersion !== undefined) {
      hasAnyValues = true;
      internalValueResult.secretKeyWoVersion = this._secretKeyWoVersion;
    }
    if (this._url !== undefined) {
      hasAnyValues = true;
      internalValueResult.url = this._url;
    }
    if (this._username !== undefined) {
      hasAnyValues = true;
      internalValueResult.username = this._username;
    }
    return hasAnyValues ? internalValueResult : undefined;
  }

  public set internalValue(value: IntegrationConfiguration | cdktf.IResolvable | undefined) {
    if (value === undefined) {
      this.isEmptyObject = false;
      this.resolvableValue = undefined;
      this._addresses = undefined;
      this._awsAccessKeyId = undefined;
      this._awsSecretAccessKey = undefined;
      this._awsSecretAccessKeyWo = undefined;
      this._awsSecretAccessKeyWoVersion = undefined;
      this._destination = undefined;
      this._password = undefined;
      this._passwordWo = undefined;
      this._passwordWoVersion = undefined;
      this._region = undefined;
      this._secretKey = undefined;
      this._secretKeyWo = undefined;
      this._secretKeyWoVersion = undefined;
      this._url = undefined;
      this._username = undefined;
    }
    else if (cdktf.Tokenization.isResolvable(value)) {
      this.isEmptyObject = false;
      this.resolvableValue = value;
    }
    else {
      this.isEmptyObject = Object.keys(value).length === 0;
      this.resolvableValue = undefined;
      this._addresses = value.addresses;
      this._awsAccessKeyId = value.awsAccessKeyId;
      this._awsSecretAccessKey = value.awsSecretAccessKey;
      this._awsSecretAccessKeyWo = value.awsSecretAccessKeyWo;
      this._awsSecretAccessKeyWoVersion = value.awsSecretAccessKeyWoVersion;
      this._destination = value.destination;
      this._password = value.password;
      this._passwordWo = value.passwordWo;
      this._passwordWoVersion = value.passwordWoVersion;
      this._region = value.region;
      this._secretKey = value.secretKey;
      this._secretKeyWo = value.secretKeyWo;
      this._secretKeyWoVersion = value.secretKeyWoVersion;
      this._url = value.url;
      this._username = value.username;
    }
  }

  // addresses - computed: false, optional: true, required: false
  private _addresses?: string[]; 
  public get addresses() {
    return this.getListAttribute('addresses');
  }
  public set addresses(value: string[]) {
    this._addresses = value;
  }
  public resetAddresses() {
    this._addresses = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get addressesInput() {
    return this._addresses;
  }

  // aws_access_key_id - computed: false, optional: true, required: false
  private _awsAccessKeyId?: string; 
  public get awsAccessKeyId() {
    return this.getStringAttribute('aws_access_key_id');
  }
  public set awsAccessKeyId(value: string) {
    this._awsAccessKeyId = value;
  }
  public resetAwsAccessKeyId() {
    this._awsAccessKeyId = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get awsAccessKeyIdInput() {
    return this._awsAccessKeyId;
  }

  // aws_secret_access_key - computed: false, optional: true, required: false
  private _awsSecretAccessKey?: string; 
  public get awsSecretAccessKey() {
    return this.getStringAttribute('aws_secret_access_key');
  }
  public set awsSecretAccessKey(value: string) {
    this._awsSecretAccessKey = value;
  }
  public resetAwsSecretAccessKey() {
    this._awsSecretAccessKey = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get awsSecretAccessKeyInput() {
    return this._awsSecretAccessKey;
  }

  // aws_secret_access_key_wo - computed: false, optional: true, required: false
  private _awsSecretAccessKeyWo?: string; 
  public get awsSecretAccessKeyWo() {
    return this.getStringAttribute('aws_secret_access_key_wo');
  }
  public set awsSecretAccessKeyWo(value: string) {
    this._awsSecretAccessKeyWo = value;
  }
  public resetAwsSecretAccessKeyWo() {
    this._awsSecretAccessKeyWo = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get awsSecretAccessKeyWoInput() {
    return this._awsSecretAccessKeyWo;
  }

  // aws_secret_access_key_wo_version - computed: false, optional: true, required: false
  private _awsSecretAccessKeyWoVersion?: number; 
  public get awsSecretAccessKeyWoVersion() {
    return this.getNumberAttribute('aws_secret_access_key_wo_version');
  }
  public set awsSecretAccessKeyWoVersion(value: number) {
    this._awsSecretAccessKeyWoVersion = value;
  }
  public resetAwsSecretAccessKeyWoVersion() {
    this._awsSecretAccessKeyWoVersion = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get awsSecretAccessKeyWoVersionInput() {
    return this._awsSecretAccessKeyWoVersion;
  }

  // destination - computed: false, optional: true, required: false
  private _destination?: string; 
  public get destination() {
    return this.getStringAttribute('destination');
  }
  public set destination(value: string) {
    this._destination = value;
  }
  public resetDestination() {
    this._destination = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get destinationInput() {
    return this._destination;
  }

  // password - computed: false, optional: true, required: false
  private _password?: string; 
  public get password() {
    return this.getStringAttribute('password');
  }
  public set password(value: string) {
    this._password = value;
  }
  public resetPassword() {
    this._password = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get passwordInput() {
    return this._password;
  }

  // password_wo - computed: false, optional: true, required: false
  private _passwordWo?: string; 
  public get passwordWo() {
    return this.getStringAttribute('password_wo');
  }
  public set passwordWo(value: string) {
    this._passwordWo = value;
  }
  public resetPasswordWo() {
    this._passwordWo = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get passwordWoInput() {
    return this._passwordWo;
  }

  // password_wo_version - computed: false, optional: true, required: false
  private _passwordWoVersion?: number; 
  public get passwordWoVersion() {
    return this.getNumberAttribute('password_wo_version');
  }
  public set passwordWoVersion(value: number) {
    this._passwordWoVersion = value;
  }
  public resetPasswordWoVersion() {
    this._passwordWoVersion = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get passwordWoVersionInput() {
    return this._passwordWoVersion;
  }

  // region - computed: false, optional: true, required: false
  private _region?: string; 
  public get region() {
    return this.getStringAttribute('region');
  }
  public set region(value: string) {
    this._region = value;
  }
  public resetRegion() {
    this._region = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get regionInput() {
    return this._region;
  }

  // secret_key - computed: false, optional: true, required: false
  private _secretKey?: string; 
  public get secretKey() {
    return this.getStringAttribute('secret_key');
  }
  public set secretKey(value: string) {
    this._secretKey = value;
  }
  public resetSecretKey() {
    this._secretKey = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get secretKeyInput() {
    return this._secretKey;
  }

  // secret_key_wo - computed: false, optional: true, required: false
  private _secretKeyWo?: string; 
  public get secretKeyWo() {
    return this.getStringAttribute('secret_key_wo');
  }
  public set secretKeyWo(value: string) {
    this._secretKeyWo = value;
  }
  public resetSecretKeyWo() {
    this._secretKeyWo = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get secretKeyWoInput() {
    return this._secretKeyWo;
  }

  // secret_key_wo_version - computed: false, optional: true, required: false
  private _secretKeyWoVersion?: number; 
  public get secretKeyWoVersion() {
    return this.getNumberAttribute('secret_key_wo_version');
  }
  public set secretKeyWoVersion(value: number) {
    this._secretKeyWoVersion = value;
  }
  public resetSecretKeyWoVersion() {
    this._secretKeyWoVersion = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get secretKeyWoVersionInput() {
    return this._secretKeyWoVersion;
  }

  // url - computed: false, optional: true, required: false
  private _url?: string; 
  public get url() {
    return this.getStringAttribute('url');
  }
  public set url(value: string) {
    this._url = value;
  }
  public resetUrl() {
    this._url = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get urlInput() {
    return this._url;
  }

  // username - computed: false, optional: true, required: false
  private _username?: string; 
  public get username() {
    return this.getStringAttribute('username');
  }
  public set username(value: string) {
    this._username = value;
  }
  public resetUsername() {
    this._username = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get usernameInput() {
    return this._username;
  }
}

/**
* Represents a {@link https://registry.terraform.io/providers/commerce-iac/elasticpath/latest/docs/resources/integration elasticpath_integration}
*/
export class Integration extends cdktf.TerraformResource {

  // =================
  // STATIC PROPERTIES
  // =================
  public static readonly tfResourceType = "elasticpath_integration";

  // ==============
  // STATIC Methods
  // ==============
  /**
  * Generates CDKTF code for importing a Integration resource upon running "cdktf plan <stack-name>"
  * @param scope The scope in which to define this construct
  * @param importToId The construct id used in the generated config for the Integration to import
  * @param importFromId The id of the existing Integration that should be imported. Refer to the {@link https://registry.terraform.io/providers/commerce-iac/elasticpath/latest/docs/resources/integration#import import section} in the documentation of this resource for the id to use
  * @param provider? Optional instance of the provider where the Integration to import is found
  */
  public static generateConfigForImport(scope: Construct, importToId: string, importFromId: string, provider?: cdktf.TerraformProvider) {
        return new cdktf.ImportableResource(scope, importToId, { terraformResourceType: "elasticpath_integration", importId: importFromId, provider });
      }

  // ===========
  // INITIALIZER
  // ===========

  /**
  * Create a new {@link https://registry.terraform.io/providers/commerce-iac/elasticpath/latest/docs/resources/integration elasticpath_integration} Resource
  *
  * @param scope The scope in which to define this construct
  * @param id The scoped construct ID. Must be unique amongst siblings in the same scope
  * @param options IntegrationConfig
  */
  public constructor(scope: Construct, id: string, config: IntegrationConfig) {
    super(scope, id, {
      terraformResourceType: 'elasticpath_integration',
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
    this._configuration.internalValue = config.configuration;
    this._description = config.description;
    this._enabled = config.enabled;
    this._integrationType = config.integrationType;
    this._name = config.name;
    this._observes = config.observes;
  }

  // ==========
  // ATTRIBUTES
  // ==========

  // configuration - computed: false, optional: false, required: true
  private _configuration = new IntegrationConfigurationOutputReference(this, "configuration");
  public get configuration() {
    return this._configuration;
  }
  public putConfiguration(value: IntegrationConfiguration) {
    this._configuration.internalValue = value;
  }
  // Temporarily expose input value. Use with caution.
  public get configurationInput() {
    return this._configuration.internalValue;
  }

  // created_at - computed: true, optional: false, required: false
  public get createdAt() {
    return this.getStringAttribute('created_at');
  }

  // description - computed: true, optional: true, required: false
  private _description?: string; 
  public get description() {
    return this.getStringAttribute('description');
  }
  public set description(value: string) {
    this._description = value;
  }
  public resetDescription() {
    this._description = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get descriptionInput() {
    return this._description;
  }

  // enabled - computed: true, optional: true, required: false
  private _enabled?: boolean | cdktf.IResolvable; 
  public get enabled() {
    return this.getBooleanAttribute('enabled');
  }
  public set enabled(value: boolean | cdktf.IResolvable) {
    this._enabled = value;
  }
  public resetEnabled() {
    this._enabled = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get enabledInput() {
    return this._enabled;
  }

  // id - computed: true, optional: false, required: false
  public get id() {
    return this.getStringAttribute('id');
  }

  // integration_type - computed: false, optional: false, required: true
  private _integrationType?: string; 
  public get integrationType() {
    return this.getStringAttribute('integration_type');
  }
  public set integrationType(value: string) {
    this._integrationType = value;
  }
  // Temporarily expose input value. Use with caution.
  public get integrationTypeInput() {
    return this._integrationType;
  }

  // name - computed: false, optional: false, required: true
  private _name?: string; 
  public get name() {
    return this.getStringAttribute('name');
  }
  public set name(value: string) {
    this._name = value;
  }
  // Temporarily expose input value. Use with caution.
  public get nameInput() {
    return this._name;
  }

  // observes - computed: false, optional: false, required: true
  private _observes?: string[]; 
  public get observes() {
    return cdktf.Fn.tolist(this.getListAttribute('observes'));
  }
  public set observes(value: string[]) {
    this._observes = value;
  }
  // Temporarily expose input value. Use with caution.
  public get observesInput() {
    return this._observes;
  }

  // updated_at - computed: true, optional: false, required: false
  public get updatedAt() {
    return this.getStringAttribute('updated_at');
  }

  // =========
  // SYNTHESIS
  // =========

  protected synthesizeAttributes(): { [name: string]: any } {
    return {
      configuration: integrationConfigurationToTerraform(this._configuration.internalValue),
      description: cdktf.stringToTerraform(this._description),
      enabled: cdktf.booleanToTerraform(this._enabled),
      integration_type: cdktf.stringToTerraform(this._integrationType),
      name: cdktf.stringToTerraform(this._name),
      observes: cdktf.listMapper(cdktf.stringToTerraform, false)(this._observes),
    };
  }

  protected synthesizeHclAttributes(): { [name: string]: any } {
    const attrs = {
      configuration: {
        value: integrationConfigurationToHclTerraform(this._configuration.internalValue),
        isBlock: true,
        type: "struct",
        storageClassType: "IntegrationConfiguration",
      },
      description: {
        value: cdktf.stringToHclTerraform(this._description),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      enabled: {
        value: cdktf.booleanToHclTerraform(this._enabled),
        isBlock: false,
        type: "simple",
        storageClassType: "boolean",
      },
      integration_type: {
        value: cdktf.stringToHclTerraform(this._integrationType),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      name: {
        value: cdktf.stringToHclTerraform(this._name),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      observes: {
        value: cdktf.listMapperHcl(cdktf.stringToHclTerraform, false)(this._observes),
        isBlock: false,
        type: "set",
        storageClassType: "stringList",
      },
    };

    // remove undefined attributes
    return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined ))
  }
}
