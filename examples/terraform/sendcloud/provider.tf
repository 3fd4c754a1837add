terraform {
  required_providers {
    sendcloud = {
      # The public address. From a registry of your own: "registry.example.com/commerce-iac/sendcloud";
      # from an HCP Terraform private registry: "app.terraform.io/ORG/sendcloud" (docs/installing.md).
      source  = "commerce-iac/sendcloud"
      version = "~> 0.1"
    }
  }
}

# Credentials from SENDCLOUD_PUBLIC_KEY and SENDCLOUD_SECRET_KEY (or the SENDCLOUD_OAUTH_* variables).
provider "sendcloud" {
  api_version = "v3"
}
