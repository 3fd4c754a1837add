# This configuration owns every integration of the store except those another team manages:
# the plan lists any other integration, and apply deletes it because prune = true.
resource "elasticpath_integrations_exclusive" "store" {
  integration_ids = [
    elasticpath_integration.order_paid.id,
    elasticpath_integration.order_queue.id,
  ]
  ignore_names = ["Platform team *", "Klaviyo*"]
  prune        = true # leave out (false) to only report them
}
