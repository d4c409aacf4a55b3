import Orders

/// Orders and order actions as JSON, for the journal's `details` and `action` records and the
/// headless jsonl lines (one shape for both). An order is written as the backend's `OrderVO`
/// (`Order(json:)` reads it back unchanged): absent fields are left out, amounts keep their exact
/// text as JSON numbers, dishes go in `orderDetailList`.
package enum OrderJSON {
    /// `{"id":1001,"number":"…","status":2,"amount":38.00,…,"orderDetailList":[…]}`.
    package static func text(_ order: Order) -> String {
        var o = ObjectWriter()
        o.raw("id", String(order.id))
        o.string("number", order.number)
        o.raw("status", String(order.status.code))
        o.money("amount", order.amount)
        o.string("orderTime", order.orderTime)
        o.string("checkoutTime", order.checkoutTime)
        o.string("estimatedDeliveryTime", order.estimatedDeliveryTime)
        o.string("deliveryTime", order.deliveryTime)
        o.string("cancelTime", order.cancelTime)
        o.int("payMethod", order.payMethod)
        o.int("payStatus", order.payStatus)
        o.int("deliveryStatus", order.deliveryStatus)
        o.money("packAmount", order.packAmount)
        o.int("tablewareNumber", order.tablewareNumber)
        o.int("tablewareStatus", order.tablewareStatus)
        o.string("userName", order.userName)
        o.string("consignee", order.consignee)
        o.string("phone", order.phone)
        o.string("address", order.address)
        o.string("remark", order.remark)
        o.string("cancelReason", order.cancelReason)
        o.string("rejectionReason", order.rejectionReason)
        let lines = order.dishes.map { d -> String in
            var l = ObjectWriter()
            l.string("name", d.name)
            l.string("dishFlavor", d.flavor)
            l.raw("number", String(d.count))
            l.money("amount", d.amount)
            return l.text
        }
        o.raw("orderDetailList", "[" + lines.joined(separator: ",") + "]")
        return o.text
    }

    /// The fields after `at` of a `details` or `action` record, as (key, JSON value) pairs; nil for
    /// any other event.
    package static func fields(_ event: SessionEvent) -> [(String, String)]? {
        switch event {
        case .orderDetails(let order):
            return [("event", #""details""#), ("orderId", String(order.id)), ("order", text(order))]
        case .orderFound(let order, let how):
            return [("event", #""found""#), ("how", LineEscaping.jsonString(how.rawValue)), ("orderId", String(order.id)),
                    ("order", text(order))]
        case .deafSession(let id):
            return [("event", #""deaf""#), ("orderId", String(id))]
        case .orderAction(let r):
            var f: [(String, String)] = [("event", #""action""#), ("orderId", String(r.orderId)),
                                         ("action", LineEscaping.jsonString(r.action.rawValue))]
            if let reason = r.reason { f.append(("reason", LineEscaping.jsonString(reason))) }
            f.append(("outcome", LineEscaping.jsonString(r.outcome.rawValue)))
            if let message = r.message { f.append(("message", LineEscaping.jsonString(message))) }
            return f
        default:
            return nil
        }
    }

    /// A JSON number when the amount's text is one (`38.00`), else a string (`038` stays `"038"`).
    static func amount(_ m: Money) -> String {
        isJSONNumber(m.text) ? m.text : LineEscaping.jsonString(m.text)
    }

    static func isJSONNumber(_ s: String) -> Bool {
        var u = Substring(s)
        if u.first == "-" { u.removeFirst() }
        let parts = u.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let int = parts.first, !int.isEmpty, int.allSatisfy(\.isASCIIDigit) else { return false }
        if int.count > 1 && int.first == "0" { return false }
        if parts.count == 2 { return !parts[1].isEmpty && parts[1].allSatisfy(\.isASCIIDigit) }
        return true
    }

    /// Builds one JSON object, leaving out nil values.
    struct ObjectWriter {
        private var parts: [String] = []
        mutating func raw(_ key: String, _ json: String) { parts.append(LineEscaping.jsonString(key) + ":" + json) }
        mutating func string(_ key: String, _ v: String?) { if let v { raw(key, LineEscaping.jsonString(v)) } }
        mutating func int(_ key: String, _ v: Int?) { if let v { raw(key, String(v)) } }
        mutating func money(_ key: String, _ v: Money?) { if let v { raw(key, OrderJSON.amount(v)) } }
        var text: String { "{" + parts.joined(separator: ",") + "}" }
    }
}

extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
