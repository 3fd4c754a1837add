// https://registry.terraform.io/providers/commerce-iac/elasticpath/latest/docs
// generated from terraform resource schema

import { Construct } from 'constructs';
import * as cdktf from 'cdktf';

// Configuration

export interface ElasticpathProviderConfig {
  /**
  * The API host root, e.g. https://useast.api.elasticpath.com. Defaults to $ELASTICPATH_API_BASE_URL, then region.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/commerce-iac/elasticpath/latest/docs#api_base_url ElasticpathProvider#api_base_url}
  */
  readonly apiBaseUrl?: string;
  /**
  * Client id of an Elastic Path client-credentials key. Defaults to $ELASTICPATH_CLIENT_ID.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/commerce-iac/elasticpath/latest/docs#client_id ElasticpathProvider#client_id}
  */
  readonly clientId?: string;
  /**
  * Client secret of that key. Defaults to $ELASTICPATH_CLIENT_SECRET.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/commerce-iac/elasticpath/latest/docs#client_secret ElasticpathProvider#client_secret}
  */
  readonly clientSecret?: string;
  /**
  * How long one API request waits out 429 answers (and 503 with Retry-After) before it fails, in seconds from its first refusal. Applies, drift checks and pipelines that share the store's rate limit take turns within it: each waits Retry-After and lowers its own request rate. 0 fails on the first refusal. Defaults to $ELASTICPATH_MAX_RATE_LIMIT_WAIT_SECONDS, then 300 (5 minutes).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/commerce-iac/elasticpath/latest/docs#max_rate_limit_wait_seconds ElasticpathProvider#max_rate_limit_wait_seconds}
  */
  readonly maxRateLimitWaitSeconds?: number;
  /**
  * The client-side budget of API requests per second. Elastic Path counts its limit per store: 25 requests/s on development stores, 100 on production stores; set 100 for a production store. On 429 answers the client lowers its rate below this, and raises it back while requests pass. Defaults to $ELASTICPATH_MAX_REQUESTS_PER_SECOND, then 25.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/commerce-iac/elasticpath/latest/docs#max_requests_per_second ElasticpathProvider#max_requests_per_second}
  */
  readonly maxRequestsPerSecond?: number;
  /**
  * useast or euwest: a shortcut for api_base_url. Defaults to $ELASTICPATH_REGION, then useast.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/commerce-iac/elasticpath/latest/docs#region ElasticpathProvider#region}
  */
  readonly region?: string;
  /**
  * Sent as EP-Store-ID, for keys that reach several stores. Defaults to $ELASTICPATH_STORE_ID.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/commerce-iac/elasticpath/latest/docs#store_id ElasticpathProvider#store_id}
  */
  readonly storeId?: string;
  /**
  * Alias name
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/commerce-iac/elasticpath/latest/docs#alias ElasticpathProvider#alias}
  */
  readonly alias?: string;
}

/**
* Represents a {@link https://registry.terraform.io/providers/commerce-iac/elasticpath/latest/docs elasticpath}
*/
export class ElasticpathProvider extends cdktf.TerraformProvider {

  // =================
  // STATIC PROPERTIES
  // =================
  public static readonly tfResourceType = "elasticpath";

  // ==============
  // STATIC Methods
  // ==============
  /**
  * Generates CDKTF code for importing a ElasticpathProvider resource upon running "cdktf plan <stack-name>"
  * @param scope The scope in which to define this construct
  * @param importToId The construct id used in the generated config for the ElasticpathProvider to import
  * @param importFromId The id of the existing ElasticpathProvider that should be imported. Refer to the {@link https://registry.terraform.io/providers/commerce-iac/elasticpath/latest/docs#import import section} in the documentation of this resource for the id to use
  * @param provider? Optional instance of the provider where the ElasticpathProvider to import is found
  */
  public static generateConfigForImport(scope: Construct, importToId: string, importFromId: string, provider?: cdktf.TerraformProvider) {
        return new cdktf.ImportableResource(scope, importToId, { terraformResourceType: "elasticpath", importId: importFromId, provider });
      }

  // ===========
  // INITIALIZER
  // ===========

  /**
  * Create a new {@link https://registry.terraform.io/providers/commerce-iac/elasticpath/latest/docs elasticpath} Resource
  *
  * @param scope The scope in which to define this construct
  * @param id The scoped construct ID. Must be unique amongst siblings in the same scope
  * @param options ElasticpathProviderConfig = {}
  */
  public constructor(scope: Construct, id: string, config: ElasticpathProviderConfig = {}) {
    super(scope, id, {
      terraformResourceType: 'elasticpath',
      terraformGeneratorMetadata: {
        providerName: 'elasticpath',
        providerVersionConstraint: '0.1.0'
      },
      terraformProviderSource: 'commerce-iac/elasticpath'
    });
    this._apiBaseUrl = config.apiBaseUrl;
    this._clientId = config.clientId;
    this._clientSecret = config.clientSecret;
    this._maxRateLimitWaitSeconds = config.maxRateLimitWaitSeconds;
    this._maxRequestsPerSecond = config.maxRequestsPerSecond;
    this._region = config.region;
    this._storeId = config.storeId;
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

  // client_id - computed: false, optional: true, required: false
  private _clientId?: string; 
  public get clientId() {
    return this._clientId;
  }
  public set clientId(value: string | undefined) {
    this._clientId = value;
  }
  public resetClientId() {
    this._clientId = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get clientIdInput() {
    return this._clientId;
  }

  // client_secret - computed: false, optional: true, required: false
  private _clientSecret?: string; 
  public get clientSecret() {
    return this._clientSecret;
  }
  public set clientSecret(value: string | undefined) {
    this._clientSecret = value;
  }
  public resetClientSecret() {
    this._clientSecret = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get clientSecretInput() {
    return this._clientSecret;
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

  // max_requests_per_second - computed: false, optional: true, required: false
  private _maxRequestsPerSecond?: number; 
  public get maxRequestsPerSecond() {
    return this._maxRequestsPerSecond;
  }
  public set maxRequestsPerSecond(value: number | undefined) {
    this._maxRequestsPerSecond = value;
  }
  public resetMaxRequestsPerSecond() {
    this._maxRequestsPerSecond = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get maxRequestsPerSecondInput() {
    return this._maxRequestsPerSecond;
  }

  // region - computed: false, optional: true, required: false
  private _region?: string; 
  public get region() {
    return this._region;
  }
  public set region(value: string | undefined) {
    this._region = value;
  }
  public resetRegion() {
    this._region = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get regionInput() {
    return this._region;
  }

  // store_id - computed: false, optional: true, required: false
  private _storeId?: string; 
  public get storeId() {
    return this._storeId;
  }
  public set storeId(value: string | undefined) {
    this._storeId = value;
  }
  public resetStoreId() {
    this._storeId = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get storeIdInput() {
    return this._storeId;
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
      client_id: cdktf.stringToTerraform(this._clientId),
      client_secret: cdktf.stringToTerraform(this._clientSecret),
      max_rate_limit_wait_seconds: cdktf.numberToTerraform(this._maxRateLimitWaitSeconds),
      max_requests_per_second: cdktf.numberToTerraform(this._maxRequestsPerSecond),
      region: cdktf.stringToTerraform(this._region),
      store_id: cdktf.stringToTerraform(this._storeId),
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
      client_id: {
        value: cdktf.stringToHclTerraform(this._clientId),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      client_secret: {
        value: cdktf.stringToHclTerraform(this._clientSecret),
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
      max_requests_per_second: {
        value: cdktf.numberToHclTerraform(this._maxRequestsPerSecond),
        isBlock: false,
        type: "simple",
        storageClassType: "number",
      },
      region: {
        value: cdktf.stringToHclTerraform(this._region),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      store_id: {
        value: cdktf.stringToHclTerraform(this._storeId),
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
