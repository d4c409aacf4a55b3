import AdminAPI
import Notifications
import Orders

/// `envelope`: an admin API answer body (status from the first byte: 200, 401 or 500) through
/// `Envelope.read`, and its data through the order decoders (`OrderPage`, `Order`). Checks that a
/// page decodes every record or fails as a whole, never losing or changing an order id, and that
/// a decoded order's dishes are the answer's lines.
enum EnvelopeFuzzing {
    static func run(_ input: [UInt8]) {
        let status = [200, 200, 200, 401, 500, 302][Int(input[0]) % 6]
        let envelope: Envelope
        do {
            envelope = try Envelope.read(status: status, body: Array(input.dropFirst()))
        } catch {
            precondition(status == 200 || status == 500 || status == 302, "status \(status) gave an error: \(error)")
            return
        }
        guard case .ok(let data) = envelope else { return }
        precondition(status == 200, "status \(status) read as ok")
        if let page = try? OrderPage(json: data), case .array(let items)? = data["records"] {
            precondition(page.records.count == items.count, "a page lost records: \(items.count) → \(page.records.count)")
            for (item, order) in zip(items, page.records) { check(order, against: item) }
        }
        if let order = try? Order(json: data) { check(order, against: data) }
    }

    /// `order` was decoded from `json`: the same id, and as many dishes as lines.
    static func check(_ order: Order, against json: JSONValue) {
        switch json["id"] {
        case .number(let token, true)?: precondition(Int64(token) == order.id, "order id \(token) decoded as \(order.id)")
        case .string(let s)?: precondition(Int64(s) == order.id, "order id \"\(s)\" decoded as \(order.id)")
        default: preconditionFailure("an order without a numeric id decoded as \(order.id)")
        }
        if case .array(let lines)? = json["orderDetailList"], !lines.isEmpty {
            precondition(order.dishes.count == lines.count, "\(lines.count) order lines decoded as \(order.dishes.count) dishes")
        }
    }
}
