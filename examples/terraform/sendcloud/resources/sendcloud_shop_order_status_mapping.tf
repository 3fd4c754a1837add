# Which of the shop's statuses stands for each Sendcloud status category (Prestashop v2
# replaces feedback_type with this). CANCEL is left out, so it is unmapped.
resource "sendcloud_shop_order_status_mapping" "prestashop" {
  integration_id = sendcloud_shop_order_statuses.prestashop.integration_id

  mapping = {
    READY_TO_SEND = "2"
    IN_TRANSIT    = "4"
    DELIVERED     = "5"
  }

  depends_on = [sendcloud_shop_order_statuses.prestashop]
}
