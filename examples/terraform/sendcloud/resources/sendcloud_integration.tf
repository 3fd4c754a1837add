# Sendcloud has no create endpoint: the integration made in the Sendcloud panel is adopted by id.
resource "sendcloud_integration" "shop" {
  integration_id         = 123456
  shop_name              = "Example Shop"
  shop_url               = "https://shop.example.com"
  service_point_enabled  = true
  service_point_carriers = ["dhl", "ups"]
  webhook_active         = true
  webhook_url            = "https://hooks.example.com/parcels"
  feedback_type          = "eager"
}
