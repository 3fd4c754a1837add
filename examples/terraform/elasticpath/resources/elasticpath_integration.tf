variable "order_hook_secret" {
  type      = string
  sensitive = true
}

resource "elasticpath_integration" "order_paid" {
  name             = "Order paid"
  description      = "Tells the fulfilment service about paid orders."
  integration_type = "webhook"
  observes         = ["order.paid"]
  configuration = {
    url        = "https://hooks.example.com/paid"
    secret_key = var.order_hook_secret
  }
}

variable "queue_access_key_id" {
  type      = string
  sensitive = true
}

variable "queue_secret_access_key" {
  type      = string
  sensitive = true
}

resource "elasticpath_integration" "order_queue" {
  name             = "Order queue"
  integration_type = "aws_sqs"
  observes         = ["order.created", "order.updated"]
  configuration = {
    url                   = "https://sqs.eu-west-1.amazonaws.com/123456789012/orders"
    region                = "eu-west-1"
    aws_access_key_id     = var.queue_access_key_id
    aws_secret_access_key = var.queue_secret_access_key
  }
}
