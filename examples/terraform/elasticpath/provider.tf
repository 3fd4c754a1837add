terraform {
  required_providers {
    elasticpath = {
      # The public address. From a registry of your own: "registry.example.com/commerce-iac/elasticpath";
      # from an HCP Terraform private registry: "app.terraform.io/ORG/elasticpath" (docs/installing.md).
      source  = "commerce-iac/elasticpath"
      version = "~> 0.1"
    }
  }
}

# Credentials from ELASTICPATH_CLIENT_ID and ELASTICPATH_CLIENT_SECRET.
provider "elasticpath" {
  region   = "euwest"
  store_id = "00000000-0000-4000-8000-000000000001"
}
