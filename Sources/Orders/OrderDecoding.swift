import Notifications

/// Why an answer's order could not be read: names the field and what was there.
public struct OrderDecodingError: Error, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

extension Order {
    /// Reads an `OrderVO` JSON object. `id` and `status` are required; every other field may be
    /// missing or null. Numbers keep their exact text (ids are Java longs, amounts decimals).
    package init(json: JSONValue) throws(OrderDecodingError) {
        guard case .object = json else { throw OrderDecodingError("an order must be a JSON object, got \(json.kindName)") }
        let f = FieldReader(json)
        guard let id = try f.int64("id") else { throw OrderDecodingError("order has no id") }
        guard let status = try f.int("status") else { throw OrderDecodingError("order \(id) has no status") }
        self.init(id: id, number: try f.text("number") ?? String(id), status: OrderStatus(code: status), amount: try f.money("amount"))
        orderTime = try f.text("orderTime")
        checkoutTime = try f.text("checkoutTime")
        estimatedDeliveryTime = try f.text("estimatedDeliveryTime")
        deliveryTime = try f.text("deliveryTime")
        cancelTime = try f.text("cancelTime")
        payMethod = try f.int("payMethod")
        payStatus = try f.int("payStatus")
        deliveryStatus = try f.int("deliveryStatus")
        packAmount = try f.money("packAmount")
        tablewareNumber = try f.int("tablewareNumber")
        tablewareStatus = try f.int("tablewareStatus")
        userName = try f.text("userName")
        consignee = try f.text("consignee")
        phone = try f.text("phone")
        address = try f.text("address")
        remark = try f.text("remark")
        cancelReason = try f.text("cancelReason")
        rejectionReason = try f.text("rejectionReason")
        if case .array(let lines)? = json["orderDetailList"], !lines.isEmpty {
            dishes = try lines.map { line throws(OrderDecodingError) in try Dish(json: line) }
        } else if let summary = try f.text("orderDishes") {
            dishes = Dish.parseSummary(summary)
        }
    }
}

extension Dish {
    /// Reads one `orderDetailList` entry.
    package init(json: JSONValue) throws(OrderDecodingError) {
        guard case .object = json else { throw OrderDecodingError("an order line must be a JSON object, got \(json.kindName)") }
        let f = FieldReader(json)
        guard let name = try f.text("name") else { throw OrderDecodingError("order line has no name") }
        self.init(name: name, flavor: try f.text("dishFlavor"), count: try f.int("number") ?? 1, amount: try f.money("amount"))
    }
}

/// Typed, forgiving reads of an object's fields: null and missing are nil; a number written as a
/// string is accepted; a value of the wrong kind is an error naming the field.
package struct FieldReader {
    let object: JSONValue
    package init(_ object: JSONValue) { self.object = object }

    package func text(_ key: String) throws(OrderDecodingError) -> String? {
        switch object[key] {
        case nil, .null?: return nil
        case .string(let s)?: return s
        case .number(let t, _)?: return t
        case let v?: throw OrderDecodingError("\(key) must be text, got \(v.kindName)")
        }
    }

    package func int64(_ key: String) throws(OrderDecodingError) -> Int64? {
        switch object[key] {
        case nil, .null?: return nil
        case .number(let t, true)?, .string(let t)?:
            guard let n = Int64(t) else { throw OrderDecodingError("\(key) is not a whole number: \(t.prefix(40))") }
            return n
        case let v?: throw OrderDecodingError("\(key) must be a whole number, got \(v.kindName)")
        }
    }

    package func int(_ key: String) throws(OrderDecodingError) -> Int? {
        guard let n = try int64(key) else { return nil }
        guard let i = Int(exactly: n) else { throw OrderDecodingError("\(key) is out of range: \(n)") }
        return i
    }

    package func money(_ key: String) throws(OrderDecodingError) -> Money? {
        switch object[key] {
        case nil, .null?: return nil
        case .number(let t, _)?, .string(let t)?:
            guard let m = Money(text: t) else { throw OrderDecodingError("\(key) is not an amount: \(t.prefix(40))") }
            return m
        case let v?: throw OrderDecodingError("\(key) must be an amount, got \(v.kindName)")
        }
    }
}
