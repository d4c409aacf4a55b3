import Foundation
import Testing
import Orders
@testable import Dashboard

/// `State`'s `==` is synthesised: every stored field counts, except the caches marked `@Uncompared`.
@Suite struct StateEqualityTests {
    @Test func theKeptTimesAreNotPartOfEquality() {
        let a = State(url: "ws://h/ws/x")
        var b = a
        b.ringTimes.set(7, Date(timeIntervalSince1970: 1))
        b.ageBounds.set(7, Date(timeIntervalSince1970: 2))
        #expect(a == b)
    }

    @Test func everyRealFieldCounts() {
        let a = State(url: "ws://h/ws/x")
        var b = a
        _ = update(&b, .resize(cols: 100, rows: 30))
        #expect(a != b)                                   // viewport
        var c = a
        c.showDetails = true
        #expect(a != c)
        var d = a
        _ = update(&d, .key(.char("m")))
        #expect(a != d)                                   // bell muted
        #expect(State(url: "ws://h/ws/x") == State(url: "ws://h/ws/x"))
    }
}

@Suite struct RowMemoryTests {
    /// 100,000 unacknowledged rows are kept (never dropped by the cap): each row's inline size is
    /// paid for every slot of the rows' table. The admin API's `Order` and the latest action live in
    /// boxes, and the fields are declared so that they pack.
    @Test func aRowWithoutDetailsIsSmall() {
        #expect(MemoryLayout<OrderRow>.stride <= 128)   // 560 before the boxes and the field order
    }

    @Test func aBoxedOrderReadsBackAndComparesByValue() {
        var a = OrderRow(orderId: 1, firstSeen: Date(timeIntervalSince1970: 0))
        var b = a
        #expect(a.order == nil && a == b)
        let order = Order(id: 1, number: "N1", status: .toBeConfirmed, dishes: [])
        a.order = order
        #expect(a.order == order && a != b)
        b.order = order   // another box, the same value
        #expect(a == b)
        b.order?.number = "N2"
        #expect(b.order?.number == "N2" && a.order?.number == "N1" && a != b)
    }
}
