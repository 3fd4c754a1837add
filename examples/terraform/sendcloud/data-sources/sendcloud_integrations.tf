data "sendcloud_integrations" "shops" {
  shop_name = "Example Shop"
}

output "shop_integration_ids" {
  value = [for integration in data.sendcloud_integrations.shops.integrations : integration.id]
}
