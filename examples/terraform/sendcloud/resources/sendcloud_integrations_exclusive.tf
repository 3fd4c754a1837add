# Reports every Sendcloud integration this configuration does not declare, apart from the shops
# another team connects. Report only: removing an integration would disconnect a shop.
resource "sendcloud_integrations_exclusive" "account" {
  integration_ids = [sendcloud_integration.shop.id]
  ignore_names    = ["Marketplace *"]
}
