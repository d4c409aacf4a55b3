import Notifications

extension OrderPage {
    /// Reads `GET /order/conditionSearch`'s data: `{"total":N,"records":[OrderVO…]}`.
    package init(json: JSONValue) throws(OrderDecodingError) {
        guard case .object = json else { throw OrderDecodingError("a page of orders must be a JSON object, got \(json.kindName)") }
        let f = FieldReader(json)
        let records: [Order]
        switch json["records"] {
        case nil, .null?: records = []
        case .array(let items)?: records = try items.map { item throws(OrderDecodingError) in try Order(json: item) }
        case let v?: throw OrderDecodingError("records must be an array, got \(v.kindName)")
        }
        self.init(total: try f.int("total") ?? records.count, records: records)
    }
}

extension OrderStatistics {
    /// Reads `GET /order/statistics`'s data; a missing count is 0.
    package init(json: JSONValue) throws(OrderDecodingError) {
        guard case .object = json else { throw OrderDecodingError("order statistics must be a JSON object, got \(json.kindName)") }
        let f = FieldReader(json)
        self.init(toBeConfirmed: try f.int("toBeConfirmed") ?? 0, confirmed: try f.int("confirmed") ?? 0,
                  deliveryInProgress: try f.int("deliveryInProgress") ?? 0)
    }
}

extension BusinessData {
    /// Reads `GET /workspace/businessData`'s data; amounts keep their text, a missing figure is 0.
    package init(json: JSONValue) throws(OrderDecodingError) {
        guard case .object = json else { throw OrderDecodingError("business data must be a JSON object, got \(json.kindName)") }
        let f = FieldReader(json)
        let zero = Money(text: "0")!
        self.init(turnover: try f.money("turnover") ?? zero, validOrderCount: try f.int("validOrderCount") ?? 0,
                  orderCompletionRate: try f.money("orderCompletionRate") ?? zero, unitPrice: try f.money("unitPrice") ?? zero,
                  newUsers: try f.int("newUsers") ?? 0)
    }
}

extension ShopStatus {
    /// Reads `GET /shop/status`'s data: `1` or `0`.
    package init(json: JSONValue) throws(OrderDecodingError) {
        guard case .number(let t, true) = json, let code = Int(t), let s = ShopStatus(code: code) else {
            throw OrderDecodingError("the shop status must be 1 or 0, got \(json.kindName)")
        }
        self = s
    }
}
