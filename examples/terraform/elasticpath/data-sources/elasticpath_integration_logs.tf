# Warns at plan and apply when the webhook failed deliveries recently. Elastic Path's logs carry
# no time, so against the real API `since` cannot narrow them: the read warns, and every failure
# the API lists counts (`drift --health --health-baseline FILE` counts only new ones).
check "order_paid_delivers" {
  data "elasticpath_integration_logs" "order_paid" {
    integration_id = elasticpath_integration.order_paid.id
    failures_only  = true
    since          = "24h"
  }
  assert {
    condition     = data.elasticpath_integration_logs.order_paid.failure_count == 0
    error_message = "the order paid webhook failed ${data.elasticpath_integration_logs.order_paid.failure_count} deliveries"
  }
}
