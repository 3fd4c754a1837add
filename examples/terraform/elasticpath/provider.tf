terraform {
  required_providers {
    elasticpath = {
      source = "commerce-iac/elasticpath"
    }
  }
}

# Credentials from ELASTICPATH_CLIENT_ID and ELASTICPATH_CLIENT_SECRET.
provider "elasticpath" {
  region   = "euwest"
  store_id = "00000000-0000-4000-8000-000000000001"
}
