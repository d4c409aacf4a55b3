import Foundation
import Orders
import Session
import Testing

private let at = Date(timeIntervalSince1970: 1_795_662_005)
private let shanghai = TimeZone(secondsFromGMT: 8 * 3600)!
private let ts = #""at":"2026-11-26T11:00:05.000+08:00""#

private func line(_ format: EventLineFormat, _ e: SessionEvent) -> String {
    EventLineFormatter(format: format, timeZone: shanghai).line(TimedEvent(at: at, event: e))
}

private let order = Order(id: 1001, number: "1764126000001", status: .toBeConfirmed, amount: Money(text: "38.00"),
                          dishes: [Dish(name: "宫保鸡丁", count: 1), Dish(name: "米饭\n", count: 2)])

/// Headless lines for the order records (same shape as the journal's).
@Suite struct OrderEventLineTests {
    @Test func detailsLines() throws {
        let j = line(.jsonl, .orderDetails(order))
        #expect(j == "{\(ts)," + #""event":"details","orderId":1001,"order":{"id":1001,"number":"1764126000001","status":2,"amount":38.00,"orderDetailList":[{"name":"宫保鸡丁","number":1},{"name":"米饭\n","number":2}]}}"#)
        #expect(try JSONSerialization.jsonObject(with: Data(j.utf8)) is [String: Any])
        #expect(line(.text, .orderDetails(order)) == #"11:00:05.000 details 1001 1764126000001 待接单 ¥38.00 宫保鸡丁×1 米饭\n×2"#)
    }

    @Test func actionLines() {
        let r = OrderActionRecord(orderId: 1001, action: .reject, reason: "客户电话取消", outcome: .refused, message: "订单状态错误")
        #expect(line(.jsonl, .orderAction(r))
            == "{\(ts)," + #""event":"action","orderId":1001,"action":"reject","reason":"客户电话取消","outcome":"refused","message":"订单状态错误"}"#)
        #expect(line(.text, .orderAction(r)) == "11:00:05.000 action 1001 拒单 (客户电话取消) refused: 订单状态错误")
        #expect(line(.text, .orderAction(OrderActionRecord(orderId: 5, action: .accept, outcome: .ok))) == "11:00:05.000 action 5 接单 ok")
    }
}
