import Foundation
import Notifications
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

/// A dashboard with a few orders (CJK, emoji, a reminder), open for 3m12s at t0+192.
func sampleState(width: Int, height: Int) -> State {
    var s = State(url: "ws://shop.example:8080/ws/k3x9?token=secret123")
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
