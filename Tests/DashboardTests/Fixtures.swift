import Foundation
import Notifications
import Orders
import Session
@testable import Dashboard

/// 2025-11-26 03:00:00 UTC.
let t0 = Date(timeIntervalSince1970: 1_764_126_000)
let utc = ViewOptions(timeZone: TimeZone(identifier: "UTC")!)
let utcASCII = ViewOptions(asciiOnly: true, timeZone: TimeZone(identifier: "UTC")!)

func at(_ s: Double) -> Date { t0.addingTimeInterval(s) }

func session(_ e: SessionEvent, _ s: Double) -> Event { .session(TimedEvent(at: at(s), event: e)) }

func newOrder(_ id: Int64, _ content: String? = nil, at s: Double) -> Event {
    session(.message(.newOrder(OrderNotice(orderId: id, content: content), text: #"{"type":1,"orderId":\#(id)}"#)), s)
}

func reminder(_ id: Int64, _ content: String? = nil, at s: Double) -> Event {
    session(.message(.reminder(OrderNotice(orderId: id, content: content), text: #"{"type":2,"orderId":\#(id)}"#)), s)
}

/// Applies events in order, returning all effects.
@discardableResult
func run(_ state: inout State, _ events: [Event]) -> [Effect] {
    var all: [Effect] = []
    for e in events { all += update(&state, e) }
    return all
}

func rings(_ effects: [Effect]) -> [Int] {
    effects.compactMap { if case .ringBell(let n) = $0 { return n } else { return nil } }
}

func keys(_ ks: Key...) -> [Event] { ks.map { .key($0) } }

/// Display column where `needle` starts in a canvas line (by summing cell widths).
func displayColumn(of needle: String, in line: String) -> Int? {
    guard let r = line.range(of: needle) else { return nil }
    return TextWidth.width(String(line[..<r.lowerBound]))
}

/// A dashboard with a few orders (CJK, emoji, a reminder), open for 3m12s at t0+192. Its rows do
/// not age (these screens are about layout; `AgeingViewTests` and its snapshots show ageing).
func sampleState(width: Int, height: Int) -> State {
    var s = State(url: "ws://shop.example:8080/ws/k3x9?token=secret123",
                  alerts: AlertTimings(agingAfter: 0, overdueAfter: 0))
    run(&s, [
        .resize(cols: width, rows: height),
        session(.connecting(attempt: 1, url: "ws://shop.example:8080/ws/k3x9?token=secret123"), 0),
        session(.open(url: "ws://shop.example:8080/ws/k3x9?token=secret123"), 0),
        newOrder(1001, "订单号: 1764126000001", at: 10),
        newOrder(1002, "Pad Thai ×2 🍜🍜 extra spicy", at: 20),
        newOrder(98765432101, "麻辣香锅 + 米饭 + 可乐 (少冰) 送到三号楼", at: 30),
        session(.message(.plainText("这是来自服务端的消息:12:00:05")), 35),
        reminder(1001, nil, at: 40),
    ])
    return s
}

// MARK: - orders and the admin API

/// An order as `/order/details` gives it: 待接单, ¥38.00, two dishes, every counter field set.
func sampleOrder(_ id: Int64, _ status: OrderStatus = .toBeConfirmed) -> Order {
    var o = Order(id: id, number: "176412600\(String(id).leftPadded(to: 4))", status: status,
                  amount: Money(text: "38.00"),
                  dishes: [Dish(name: "宫保鸡丁", flavor: "微辣", count: 1, amount: Money(text: "28.00")),
                           Dish(name: "米饭", count: 2, amount: Money(text: "4.00"))])
    o.orderTime = "2025-11-26 11:00"
    o.estimatedDeliveryTime = "2025-11-26 11:45"
    o.deliveryStatus = 1
    o.packAmount = Money(text: "2.00")
    o.tablewareNumber = 2
    o.tablewareStatus = 0
    o.consignee = "张三"
    o.phone = "13800138000"
    o.address = "北京市海淀区中关村大街1号"
    o.remark = "少辣"
    return o
}

func answer(_ a: AdminAnswer, _ s: Double) -> Event { .admin(a, at: at(s)) }

func requests(_ effects: [Effect]) -> [AdminRequest] {
    effects.compactMap { if case .admin(let r) = $0 { return r } else { return nil } }
}

func journalled(_ effects: [Effect]) -> [SessionEvent] {
    effects.compactMap { if case .journal(let e) = $0 { return e } else { return nil } }
}

/// A live dashboard (admin API on) with order `id` seen at 0 and its details loaded at 1.
func liveState(_ id: Int64 = 1001, _ status: OrderStatus = .toBeConfirmed, width: Int = 80, height: Int = 24) -> State {
    var s = State(url: "ws://shop.example:8080/ws/k3x9", admin: .live)
    run(&s, [.resize(cols: width, rows: height), newOrder(id, "订单号：176412600\(id)", at: 0),
             answer(.details(orderId: id, .success(sampleOrder(id, status))), 1)])
    return s
}

/// A live dashboard logged in, shop open, with four orders in every details state:
/// 1001 loaded (待接单), 1002 details failed, 1003 fetching, 1004 loaded (待派送) with 派送 in flight.
func ordersState(width: Int, height: Int) -> State {
    var s = State(url: "ws://shop.example:8080/ws/k3x9", admin: .live)
    var delivering = sampleOrder(1004, .confirmed)
    delivering.dishes = [Dish(name: "麻辣香锅", count: 1), Dish(name: "可乐", flavor: "少冰", count: 2)]
    delivering.amount = Money(text: "126.50")
    run(&s, [
        .resize(cols: width, rows: height),
        session(.open(url: "ws://shop.example:8080/ws/k3x9"), 0),
        answer(.login(.success("管理员")), 0),
        answer(.shopStatus(.success(.open)), 0),
        newOrder(1001, "订单号：1764126001001", at: 10),
        answer(.details(orderId: 1001, .success(sampleOrder(1001))), 10.2),
        newOrder(1002, "订单号：1764126001002", at: 20),
        newOrder(1003, "订单号：1764126001003", at: 30),
        newOrder(1004, "订单号：1764126001004", at: 40),
        answer(.details(orderId: 1004, .success(delivering)), 40.2),
        answer(.details(orderId: 1002, .failure(.failed("connection refused"))), 40.25),   // retried at 41.25
        answer(.statistics(.success(OrderStatistics(toBeConfirmed: 1, confirmed: 1, deliveryInProgress: 0))), 40.3),
    ])
    run(&s, keys(.char("d")))
    return s
}
