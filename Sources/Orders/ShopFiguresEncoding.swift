import Notifications

// The admin API's figures as the backend's JSON writes them: fields in its order, amounts as
// their decimal text.

extension OrderStatistics {
    package var json: JSONValue {
        .object([
            ("toBeConfirmed", .integer(toBeConfirmed)),
            ("confirmed", .integer(confirmed)),
            ("deliveryInProgress", .integer(deliveryInProgress)),
        ])
    }
}

extension BusinessData {
    package var json: JSONValue {
        .object([
            ("turnover", .money(turnover)),
            ("validOrderCount", .integer(validOrderCount)),
            ("orderCompletionRate", .money(orderCompletionRate)),
            ("unitPrice", .money(unitPrice)),
            ("newUsers", .integer(newUsers)),
        ])
    }
}

extension OrderOverview {
    package var json: JSONValue {
        .object([
            ("waitingOrders", .integer(waitingOrders)),
            ("deliveredOrders", .integer(deliveredOrders)),
            ("completedOrders", .integer(completedOrders)),
            ("cancelledOrders", .integer(cancelledOrders)),
            ("allOrders", .integer(allOrders)),
        ])
    }
}
