import Foundation
import Journal
import Orders
import Session
import Testing

private let encoder = LogRecordEncoder(timeZone: shanghai)
private let ts = #"{"at":"2026-11-26T11:00:05.000+08:00""#

private func fullOrder() -> Order {
    var o = Order(id: 1001, number: "1764126000001", status: .toBeConfirmed, amount: Money(text: "38.00"),
                  dishes: [Dish(name: "宫保鸡丁", flavor: "微辣", count: 1, amount: Money(text: "28.00")),
                           Dish(name: "米饭", count: 2, amount: Money(text: "4.00"))])
    o.orderTime = "2026-11-26 11:00"; o.checkoutTime = "2026-11-26 11:01"
    o.estimatedDeliveryTime = "2026-11-26 11:45"; o.deliveryTime = nil; o.cancelTime = nil
    o.payMethod = 1; o.payStatus = 1; o.deliveryStatus = 1
    o.packAmount = Money(text: "2.00"); o.tablewareNumber = 2; o.tablewareStatus = 0
    o.userName = "user"; o.consignee = "张三"; o.phone = "13800138000"; o.address = "北京市\n海淀区 \"1号\""
    o.remark = "少辣\u{1B}[31m"; o.cancelReason = nil; o.rejectionReason = "菜品已销售完，暂时无法接单"
    return o
}

private func roundTrip(_ e: SessionEvent) -> SessionEvent? {
    guard let l = encoder.line(for: TimedEvent(at: at0, event: e)) else { return nil }
    return records(readAll(l + "\n")).first?.event
}

@Suite("Journal order records")
struct OrderRecordTests {
    @Test func detailsRecordShape() {
        let o = Order(id: 7, number: "N7", status: .confirmed, amount: Money(text: "12.50"), dishes: [Dish(name: "米饭", count: 2)])
        #expect(encoder.line(for: TimedEvent(at: at0, event: .orderDetails(o)))
            == ts + #","event":"details","orderId":7,"order":{"id":7,"number":"N7","status":3,"amount":12.50,"orderDetailList":[{"name":"米饭","number":2}]}}"#)
    }

    @Test func actionRecordShape() {
        let r = OrderActionRecord(orderId: 7, action: .reject, reason: "餐厅已打烊，暂时无法接单", outcome: .refused, message: "订单状态错误")
        #expect(encoder.line(for: TimedEvent(at: at0, event: .orderAction(r)))
            == ts + #","event":"action","orderId":7,"action":"reject","reason":"餐厅已打烊，暂时无法接单","outcome":"refused","message":"订单状态错误"}"#)
        let ok = OrderActionRecord(orderId: 7, action: .accept, outcome: .ok)
        #expect(encoder.line(for: TimedEvent(at: at0, event: .orderAction(ok)))
            == ts + #","event":"action","orderId":7,"action":"accept","outcome":"ok"}"#)
    }

    @Test func detailsRoundTripUnchanged() {
        let o = fullOrder()
        #expect(roundTrip(.orderDetails(o)) == .orderDetails(o))
        var bare = Order(id: 9_007_199_254_740_993, number: "x", status: .unknown(42))
        bare.dishes = []
        #expect(roundTrip(.orderDetails(bare)) == .orderDetails(bare))
        // An amount whose text is not a JSON number keeps its text (written as a string).
        let odd = Order(id: 1, number: "1", status: .completed, amount: Money(text: "038.10"))
        #expect(roundTrip(.orderDetails(odd)) == .orderDetails(odd))
    }

    @Test func actionsRoundTripUnchanged() {
        for kind in OrderAction.Kind.allCases {
            for outcome in OrderActionRecord.Outcome.allCases {
                let r = OrderActionRecord(orderId: 42, action: kind, reason: kind == .reject ? "满\"单\"" : nil,
                                          outcome: outcome, message: outcome == .ok ? nil : "订单状态错误\n")
                #expect(roundTrip(.orderAction(r)) == .orderAction(r))
            }
        }
    }

    @Test func oldJournalsStillRead() {
        let old = ts + #","text":"{\"type\":1,\"orderId\":1,\"content\":\"x\"}"}"# + "\n" + ts + #","event":"open","url":"ws://h/ws/1"}"#
        #expect(errors(readAll(old)).isEmpty)
        #expect(records(readAll(old)).count == 2)
    }

    @Test func badOrderRecordsNameTheirField() {
        func error(_ body: String) -> String? { errors(readAll(ts + "," + body + "}")).first }
        #expect(error(#""event":"details","orderId":1"#) == #"line 1: missing "order""#)
        #expect(error(#""event":"details","orderId":1,"order":{"id":1}"#) == "line 1: \"order\" is not an order: order 1 has no status")
        #expect(error(#""event":"details","orderId":2,"order":{"id":1,"status":2}"#) == #"line 1: "orderId" 2 is not the order's id 1"#)
        #expect(error(#""event":"details","order":{"id":1,"status":2}"#) == #"line 1: missing "orderId""#)
        #expect(error(#""event":"details","orderId":1,"order":{"id":1,"status":2,"amount":"lots"}"#)
            == #"line 1: "order" is not an order: amount is not an amount: lots"#)
        #expect(error(#""event":"action","orderId":1,"outcome":"ok""#) == #"line 1: missing "action""#)
        #expect(error(#""event":"action","orderId":1,"action":"eat","outcome":"ok""#)
            == #"line 1: "action" is not one of accept, reject, cancel, deliver, complete: "eat""#)
        #expect(error(#""event":"action","orderId":1,"action":"accept""#) == #"line 1: missing "outcome""#)
        #expect(error(#""event":"action","orderId":1,"action":"accept","outcome":"maybe""#)
            == #"line 1: "outcome" is not ok, refused or failed: "maybe""#)
        #expect(error(#""event":"action","orderId":"x1","action":"accept","outcome":"ok""#)
            == "line 1: orderId is not a whole number: x1")
    }
}

@Suite("Journal catch-up records")
struct CatchUpRecordTests {
    @Test func foundAndDeafRecordShapesAndRoundTrips() {
        let o = Order(id: 7, number: "N7", status: .toBeConfirmed, amount: Money(text: "12.50"), dishes: [Dish(name: "米饭", count: 2)])
        #expect(encoder.line(for: TimedEvent(at: at0, event: .orderFound(o, how: .offline)))
            == ts + #","event":"found","how":"offline","orderId":7,"order":{"id":7,"number":"N7","status":2,"amount":12.50,"orderDetailList":[{"name":"米饭","number":2}]}}"#)
        #expect(encoder.line(for: TimedEvent(at: at0, event: .deafSession(orderId: 7))) == ts + #","event":"deaf","orderId":7}"#)
        for how in FoundHow.allCases {
            #expect(roundTrip(.orderFound(o, how: how)) == .orderFound(o, how: how))
        }
        #expect(roundTrip(.deafSession(orderId: 9_007_199_254_740_993)) == .deafSession(orderId: 9_007_199_254_740_993))
    }

    @Test func badCatchUpRecordsSayWhatIsWrong() {
        func error(_ body: String) -> String? { errors(readAll(ts + "," + body + "}")).first }
        #expect(error(#""event":"found","orderId":1,"order":{"id":1,"status":2}"#) == #"line 1: "how" is not "offline" or "check""#)
        #expect(error(#""event":"found","how":"later","orderId":1,"order":{"id":1,"status":2}"#) == #"line 1: "how" is not "offline" or "check""#)
        #expect(error(#""event":"found","how":"check","orderId":1"#) == #"line 1: missing "order""#)
        #expect(error(#""event":"deaf""#) == #"line 1: missing "orderId""#)
    }
}
