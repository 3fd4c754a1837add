terraform {
  required_providers {
    sendcloud = {
      source = "commerce-iac/sendcloud"
    }
  }
}

# Credentials from SENDCLOUD_PUBLIC_KEY and SENDCLOUD_SECRET_KEY (or the SENDCLOUD_OAUTH_* variables).
provider "sendcloud" {
  api_version = "v3"
}
