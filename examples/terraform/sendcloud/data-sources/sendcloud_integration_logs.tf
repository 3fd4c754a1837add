# Sendcloud's exception logs of one integration: a plan or apply warns when Sendcloud
# failed to call the shop in the last 24 hours (credentials no longer valid, for example).
check "shop_reachable" {
  data "sendcloud_integration_logs" "shop" {
    integration_id = 1002 # leave out for every integration of the account
    since          = "24h"
  }

  assert {
    condition     = data.sendcloud_integration_logs.shop.log_count == 0
    error_message = "Sendcloud could not reach the shop ${data.sendcloud_integration_logs.shop.log_count} time(s) in the last 24 hours"
  }
}
