import Foundation
import Notifications
import Orders
import Session
import Testing
@testable import Dashboard

/// Orders found by the catch-up check, and deaf sessions, in the dashboard's state.
@Suite struct CatchUpUpdateTests {
    static func order(_ id: Int64) -> Order {
        Order(id: id, number: "17960\(id)", status: .toBeConfirmed, amount: Money(text: "38.00"), dishes: [Dish(name: "宫保鸡丁", count: 1)])
    }

    @Test func aFoundOrderGetsItsRowMarkedRingsAndCarriesItsDetails() {
        var s = State()
        let fx = update(&s, session(.orderFound(Self.order(42), how: .offline), 0))
        #expect(fx == [.ringBell(times: 1)])
        #expect(s.orderIds == [42])
        #expect(s.rows[42]?.kind == .found(.offline))
        #expect(s.rows[42]?.acknowledged == false)
        #expect(s.rows[42]?.order?.amount?.text == "38.00")
        #expect(s.rows[42]?.details == .loaded)
        #expect(s.counters.found == 1)
        #expect(Format.kind(s.rows[42]!, compact: false, glyphs: .unicode) == "missed offline")
    }

    @Test func aKnownOrderIsOnlyRefreshed() {
        var s = State()
        run(&s, [newOrder(42, "订单号: 1", at: 0)])
        let fx = update(&s, session(.orderFound(Self.order(42), how: .check), 1))
        #expect(fx.isEmpty)
        #expect(s.rows[42]?.kind == .new)
        #expect(s.rows[42]?.order?.number == "1796042")
        #expect(s.counters.found == 0)
    }

    @Test func aWebSocketAnnouncementAfterAFindMakesItAnOrdinaryNewOrder() {
        var s = State()
        run(&s, [session(.orderFound(Self.order(7), how: .check), 0), newOrder(7, "订单号: 1796007", at: 1)])
        #expect(s.rows[7]?.kind == .new)
        #expect(Format.kind(s.rows[7]!, compact: true, glyphs: .unicode) == "new")
    }

    @Test func aDeafSessionIsLoggedAndCounted() {
        var s = State()
        _ = update(&s, session(.deafSession(orderId: 9), 0))
        #expect(s.counters.deafSessions == 1)
        #expect(s.messages.last?.text.contains("deaf session: order 9") == true)
    }
}
