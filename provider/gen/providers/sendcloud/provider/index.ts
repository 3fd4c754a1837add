// https://registry.terraform.io/providers/commerce-iac/sendcloud/latest/docs
// generated from terraform resource schema

import { Construct } from 'constructs';
import * as cdktf from 'cdktf';

// Configuration

export interface SendcloudProviderConfig {
  /**
  * The API host root. Defaults to $SENDCLOUD_API_BASE_URL, then https://panel.sendcloud.sc.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/commerce-iac/sendcloud/latest/docs#api_base_url SendcloudProvider#api_base_url}
  */
  readonly apiBaseUrl?: string;
  /**
  * v3 (default) or v2.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/commerce-iac/sendcloud/latest/docs#api_version SendcloudProvider#api_version}
  */
  readonly apiVersion?: string;
  /**
  * How long one API request waits out 429 answers (and 503 with Retry-After) before it fails, in seconds from its first refusal. Applies, drift checks and pipelines that share the account's rate limit take turns within it: each waits Retry-After and lowers its own request rate. 0 fails on the first refusal. Defaults to $SENDCLOUD_MAX_RATE_LIMIT_WAIT_SECONDS, then 300 (5 minutes).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/commerce-iac/sendcloud/latest/docs#max_rate_limit_wait_seconds SendcloudProvider#max_rate_limit_wait_seconds}
  */
  readonly maxRateLimitWaitSeconds?: number;
  /**
  * OAuth2 client id, instead of a key pair. Defaults to $SENDCLOUD_OAUTH_CLIENT_ID.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/commerce-iac/sendcloud/latest/docs#oauth_client_id SendcloudProvider#oauth_client_id}
  */
  readonly oauthClientId?: string;
  /**
  * OAuth2 client secret. Defaults to $SENDCLOUD_OAUTH_CLIENT_SECRET.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/commerce-iac/sendcloud/latest/docs#oauth_client_secret SendcloudProvider#oauth_client_secret}
  */
  readonly oauthClientSecret?: string;
  /**
  * OAuth2 token endpoint. Defaults to $SENDCLOUD_OAUTH_TOKEN_URL, then https://account.sendcloud.com/oauth2/token.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/commerce-iac/sendcloud/latest/docs#oauth_token_url SendcloudProvider#oauth_token_url}
  */
  readonly oauthTokenUrl?: string;
  /**
  * API public key. Defaults to $SENDCLOUD_PUBLIC_KEY.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/commerce-iac/sendcloud/latest/docs#public_key SendcloudProvider#public_key}
  */
  readonly publicKey?: string;
  /**
  * API secret key. Defaults to $SENDCLOUD_SECRET_KEY.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/commerce-iac/sendcloud/latest/docs#secret_key SendcloudProvider#secret_key}
  */
  readonly secretKey?: string;
  /**
  * Under v2: patch (default) sends the changed fields, put sends the whole object.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/commerce-iac/sendcloud/latest/docs#v2_update_method SendcloudProvider#v2_update_method}
  */
  readonly v2UpdateMethod?: string;
  /**
  * Alias name
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/commerce-iac/sendcloud/latest/docs#alias SendcloudProvider#alias}
  */
  readonly alias?: string;
}

/**
* Represents a {@link https://registry.terraform.io/providers/commerce-iac/sendcloud/latest/docs sendcloud}
*/
export class SendcloudProvider extends cdktf.TerraformProvider {

  // =================
  // STATIC PROPERTIES
  // =================
  public static readonly tfResourceType = "sendcloud";

  // ==============
  // STATIC Methods
  // ==============
  /**
  * Generates CDKTF code for importing a SendcloudProvider resource upon running "cdktf plan <stack-name>"
  * @param scope The scope in which to define this construct
  * @param importToId The construct id used in the generated config for the SendcloudProvider to import
  * @param importFromId The id of the existing SendcloudProvider that should be imported. Refer to the {@link https://registry.terraform.io/providers/commerce-iac/sendcloud/latest/docs#import import section} in the documentation of this resource for the id to use
  * @param provider? Optional instance of the provider where the SendcloudProvider to import is found
  */
  public static generateConfigForImport(scope: Construct, importToId: string, importFromId: string, provider?: cdktf.TerraformProvider) {
        return new cdktf.ImportableResource(scope, importToId, { terraformResourceType: "sendcloud", importId: importFromId, provider });
      }

  // ===========
  // INITIALIZER
  // ===========

  /**
  * Create a new {@link https://registry.terraform.io/providers/commerce-iac/sendcloud/latest/docs sendcloud} Resource
  *
  * @param scope The scope in which to define this construct
  * @param id The scoped construct ID. Must be unique amongst siblings in the same scope
  * @param options SendcloudProviderConfig = {}
  */
  public constructor(scope: Construct, id: string, config: SendcloudProviderConfig = {}) {
    super(scope, id, {
      terraformResourceType: 'sendcloud',
      terraformGeneratorMetadata: {
        providerName: 'sendcloud',
        providerVersionConstraint: '0.1.0'
      },
      terraformProviderSource: 'commerce-iac/sendcloud'
    });
    this._apiBaseUrl = config.apiBaseUrl;
    this._apiVersion = config.apiVersion;
    this._maxRateLimitWaitSeconds = config.maxRateLimitWaitSeconds;
    this._oauthClientId = config.oauthClientId;
    this._oauthClientSecret = config.oauthClientSecret;
    this._oauthTokenUrl = config.oauthTokenUrl;
    this._publicKey = config.publicKey;
    this._secretKey = config.secretKey;
    this._v2UpdateMethod = config.v2UpdateMethod;
    this._alias = config.alias;
  }

  // ==========
  // ATTRIBUTES
  // ==========

  // api_base_url - computed: false, optional: true, required: false
  private _apiBaseUrl?: string; 
  public get apiBaseUrl() {
    return this._apiBaseUrl;
  }
  public set apiBaseUrl(value: string | undefined) {
    this._apiBaseUrl = value;
  }
  public resetApiBaseUrl() {
    this._apiBaseUrl = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get apiBaseUrlInput() {
    return this._apiBaseUrl;
  }

  // api_version - computed: false, optional: true, required: false
  private _apiVersion?: string; 
  public get apiVersion() {
    return this._apiVersion;
  }
  public set apiVersion(value: string | undefined) {
    this._apiVersion = value;
  }
  public resetApiVersion() {
    this._apiVersion = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get apiVersionInput() {
    return this._apiVersion;
  }

  // max_rate_limit_wait_seconds - computed: false, optional: true, required: false
  private _maxRateLimitWaitSeconds?: number; 
  public get maxRateLimitWaitSeconds() {
    return this._maxRateLimitWaitSeconds;
  }
  public set maxRateLimitWaitSeconds(value: number | undefined) {
    this._maxRateLimitWaitSeconds = value;
  }
  public resetMaxRateLimitWaitSeconds() {
    this._maxRateLimitWaitSeconds = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get maxRateLimitWaitSecondsInput() {
    return this._maxRateLimitWaitSeconds;
  }

  // oauth_client_id - computed: false, optional: true, required: false
  private _oauthClientId?: string; 
  public get oauthClientId() {
    return this._oauthClientId;
  }
  public set oauthClientId(value: string | undefined) {
    this._oauthClientId = value;
  }
  public resetOauthClientId() {
    this._oauthClientId = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get oauthClientIdInput() {
    return this._oauthClientId;
  }

  // oauth_client_secret - computed: false, optional: true, required: false
  private _oauthClientSecret?: string; 
  public get oauthClientSecret() {
    return this._oauthClientSecret;
  }
  public set oauthClientSecret(value: string | undefined) {
    this._oauthClientSecret = value;
  }
  public resetOauthClientSecret() {
    this._oauthClientSecret = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get oauthClientSecretInput() {
    return this._oauthClientSecret;
  }

  // oauth_token_url - computed: false, optional: true, required: false
  private _oauthTokenUrl?: string; 
  public get oauthTokenUrl() {
    return this._oauthTokenUrl;
  }
  public set oauthTokenUrl(value: string | undefined) {
    this._oauthTokenUrl = value;
  }
  public resetOauthTokenUrl() {
    this._oauthTokenUrl = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get oauthTokenUrlInput() {
    return this._oauthTokenUrl;
  }

  // public_key - computed: false, optional: true, required: false
  private _publicKey?: string; 
  public get publicKey() {
    return this._publicKey;
  }
  public set publicKey(value: string | undefined) {
    this._publicKey = value;
  }
  public resetPublicKey() {
    this._publicKey = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get publicKeyInput() {
    return this._publicKey;
  }

  // secret_key - computed: false, optional: true, required: false
  private _secretKey?: string; 
  public get secretKey() {
    return this._secretKey;
  }
  public set secretKey(value: string | undefined) {
    this._secretKey = value;
  }
  public resetSecretKey() {
    this._secretKey = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get secretKeyInput() {
    return this._secretKey;
  }

  // v2_update_method - computed: false, optional: true, required: false
  private _v2UpdateMethod?: string; 
  public get v2UpdateMethod() {
    return this._v2UpdateMethod;
  }
  public set v2UpdateMethod(value: string | undefined) {
    this._v2UpdateMethod = value;
  }
  public resetV2UpdateMethod() {
    this._v2UpdateMethod = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get v2UpdateMethodInput() {
    return this._v2UpdateMethod;
  }

  // alias - computed: false, optional: true, required: false
  private _alias?: string; 
  public get alias() {
    return this._alias;
  }
  public set alias(value: string | undefined) {
    this._alias = value;
  }
  public resetAlias() {
    this._alias = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get aliasInput() {
    return this._alias;
  }

  // =========
  // SYNTHESIS
  // =========

  protected synthesizeAttributes(): { [name: string]: any } {
    return {
      api_base_url: cdktf.stringToTerraform(this._apiBaseUrl),
      api_version: cdktf.stringToTerraform(this._apiVersion),
      max_rate_limit_wait_seconds: cdktf.numberToTerraform(this._maxRateLimitWaitSeconds),
      oauth_client_id: cdktf.stringToTerraform(this._oauthClientId),
      oauth_client_secret: cdktf.stringToTerraform(this._oauthClientSecret),
      oauth_token_url: cdktf.stringToTerraform(this._oauthTokenUrl),
      public_key: cdktf.stringToTerraform(this._publicKey),
      secret_key: cdktf.stringToTerraform(this._secretKey),
      v2_update_method: cdktf.stringToTerraform(this._v2UpdateMethod),
      alias: cdktf.stringToTerraform(this._alias),
    };
  }

  protected synthesizeHclAttributes(): { [name: string]: any } {
    const attrs = {
      api_base_url: {
        value: cdktf.stringToHclTerraform(this._apiBaseUrl),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      api_version: {
        value: cdktf.stringToHclTerraform(this._apiVersion),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      max_rate_limit_wait_seconds: {
        value: cdktf.numberToHclTerraform(this._maxRateLimitWaitSeconds),
        isBlock: false,
        type: "simple",
        storageClassType: "number",
      },
      oauth_client_id: {
        value: cdktf.stringToHclTerraform(this._oauthClientId),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      oauth_client_secret: {
        value: cdktf.stringToHclTerraform(this._oauthClientSecret),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      oauth_token_url: {
        value: cdktf.stringToHclTerraform(this._oauthTokenUrl),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      public_key: {
        value: cdktf.stringToHclTerraform(this._publicKey),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      secret_key: {
        value: cdktf.stringToHclTerraform(this._secretKey),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      v2_update_method: {
        value: cdktf.stringToHclTerraform(this._v2UpdateMethod),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      alias: {
        value: cdktf.stringToHclTerraform(this._alias),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
    };

    // remove undefined attributes
    return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined ))
  }
}
