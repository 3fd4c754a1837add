# The order statuses of a Prestashop v2 shop, with their names by language. Applying
# overwrites the list: a status left out is deleted in Sendcloud.
resource "sendcloud_shop_order_statuses" "prestashop" {
  integration_id = 1004

  statuses = [
    { external_id = "2", translations = { "en-gb" = "Payment accepted", "nl-nl" = "Betaling aanvaard" } },
    { external_id = "4", translations = { "en-gb" = "Shipped", "nl-nl" = "Verzonden" } },
    { external_id = "5", translations = { "en-gb" = "Delivered", "nl-nl" = "Bezorgd" } },
    { external_id = "6", translations = { "en-gb" = "Canceled" } },
  ]
}
