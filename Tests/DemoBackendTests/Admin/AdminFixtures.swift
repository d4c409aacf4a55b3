import Foundation
import Notifications
import Orders
@testable import DemoBackend

/// A backend with a known secret, clock and orders, for the handler tests.
enum AdminFixtures {
    static let zone = TimeZone(identifier: "Asia/Shanghai")!
    static let time = BackendTime(timeZone: zone)
    /// 2025-11-26 11:00:00 in Shanghai.
    static let noon = Date(timeIntervalSince1970: 1_764_126_000)
    static let secret = Array("a fixed secret for the tests only!".utf8)

    static func backend(ttl: Double = 7200, orders: [StoredOrder] = []) -> AdminBackend {
        var store = OrderStore()
        for o in orders { store.add(o) }
        return AdminBackend(store: store, tokens: AdminTokens(secret: secret, lifetime: ttl), time: time)
    }

    /// An order of `status`, placed `minutesAfterNoon` minutes after 11:00 (order time to the second).
    static func order(_ id: Int64, status: OrderStatus = .toBeConfirmed, minutesAfterNoon: Int = 0,
                      phone: String = "13812345678", paid: Bool = true, amountCents: Int64 = 3800) -> StoredOrder {
        let placed = noon.addingTimeInterval(Double(minutesAfterNoon * 60))
        var o = Order(id: id, number: String(1_764_126_000_000 + id), status: status,
                      amount: Money(cents: amountCents),
                      dishes: [Dish(name: "宫保鸡丁", flavor: "微辣", count: 1, amount: Money(cents: 3200)),
                               Dish(name: "米饭", count: 2, amount: Money(cents: 200))])
        o.orderTime = time.minutes(placed)
        o.checkoutTime = time.minutes(placed)
        o.payMethod = 1
        o.payStatus = paid ? 1 : 0
        o.phone = phone
        o.consignee = "张先生"
        o.address = "北京市海淀区中关村大街27号"
        o.packAmount = Money(cents: 200)
        o.deliveryStatus = 1
        o.tablewareStatus = 1
        o.tablewareNumber = 0
        let ids = OrderRecordIds(userId: 4 + id % 3, addressBookId: 11, lines: [
            .init(id: id * 100 + 1, dishId: 46, image: "/images/dish/46.png"),
            .init(id: id * 100 + 2, dishId: 56, image: "/images/dish/56.png"),
        ])
        return StoredOrder(order: o, ids: ids, placedAt: time.seconds(placed))
    }

    static func token(_ backend: AdminBackend, at date: Date = noon) -> String {
        backend.tokens.issue(employeeId: 1, at: date)
    }

    static func request(_ method: String, _ target: String, token: String?, body: String = "") -> AdminRequest {
        AdminRequest(method: method, target: target, token: token, body: body)
    }

    /// The envelope of a 200 answer: (code, msg, data).
    static func envelope(_ r: AdminResponse) throws -> (code: Int, msg: String?, data: JSONValue) {
        let v = try JSONParser.parse(r.body)
        guard case .number(let code, true)? = v["code"], let c = Int(code) else { throw FixtureError("no code in \(r.body)") }
        var msg: String?
        if case .string(let m)? = v["msg"] { msg = m }
        return (c, msg, v["data"] ?? .null)
    }

    static func int(_ v: JSONValue?) -> Int? {
        if case .number(let t, true)? = v { return Int(t) }
        return nil
    }

    static func string(_ v: JSONValue?) -> String? {
        if case .string(let s)? = v { return s }
        return nil
    }
}

struct FixtureError: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}
