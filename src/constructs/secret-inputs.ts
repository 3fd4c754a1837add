/**
 * Secret inputs that stay out of cdk.tf.json, state and plan files: a Terraform variable
 * declared `ephemeral = true` (Terraform 1.10+) and `sensitive`, whose value Terraform reads
 * from TF_VAR_<name> at each plan and apply and never writes down. Used with the write-only
 * attributes (Terraform 1.11+), e.g. IntegrationConfiguration.webhook({ secretKeyWo }).
 */
import { TerraformVariable } from 'cdktf';
import type { Construct } from 'constructs';

export interface EphemeralSecretVariableProps {
  /**
   * What the secret is, shown by `terraform plan` when it asks for a missing value.
   * @default - none
   */
  readonly description?: string;
}

/**
 * A sensitive, ephemeral string variable. Its value may only reach write-only attributes
 * (and provider blocks): Terraform refuses it anywhere it would be stored. Set it through
 * TF_VAR_<id> (the id is the variable's name in cdk.tf.json unless overridden), at plan and
 * again at apply of a saved plan.
 */
export class EphemeralSecretVariable extends TerraformVariable {
  constructor(scope: Construct, id: string, props: EphemeralSecretVariableProps = {}) {
    super(scope, id, { type: 'string', sensitive: true, nullable: false, description: props.description });
    // cdktf 0.21 has no option for it; Terraform 1.10+ reads the attribute from the JSON.
    this.addOverride('ephemeral', true);
  }
}
