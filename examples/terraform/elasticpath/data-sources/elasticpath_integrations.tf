data "elasticpath_integrations" "order_hooks" {
  name = "Order paid"
}

output "order_hook_ids" {
  value = [for integration in data.elasticpath_integrations.order_hooks.integrations : integration.id]
}
