import Foundation
import Notifications
import Orders
import Testing
@testable import DemoBackend

/// The shop's state and today's figures.
@Suite struct AdminShopTests {
    typealias F = AdminFixtures

    func call(_ backend: inout AdminBackend, _ method: String, _ target: String, at date: Date = F.noon) -> AdminResponse {
        backend.handle(F.request(method, target, token: F.token(backend, at: date)), at: date)
    }

    @Test func theShopOpensAndCloses() {
        var backend = F.backend()
        #expect(call(&backend, "GET", "/admin/shop/status").body == #"{"code":1,"msg":null,"data":1}"#)
        #expect(call(&backend, "PUT", "/admin/shop/0").body == #"{"code":1,"msg":null,"data":null}"#)
        #expect(call(&backend, "GET", "/admin/shop/status").body == #"{"code":1,"msg":null,"data":0}"#)
        #expect(call(&backend, "PUT", "/admin/shop/1").status == 200)
        #expect(backend.store.shop == .open)
    }

    @Test(arguments: ["2", "-1", "open", "status"])
    func anotherShopStatusIs400AndChangesNothing(value: String) {
        var backend = F.backend()
        _ = call(&backend, "PUT", "/admin/shop/0")
        let r = call(&backend, "PUT", "/admin/shop/" + value)
        #expect(r.status == 400)
        #expect(r.body.contains("must be 1 (营业中) or 0 (打烊中)"))
        #expect(backend.store.shop == .closed)
    }

    /// Today: 3 completed (38.00, 45.50, 20.01), one cancelled, one waiting, one accepted; and a
    /// completed order of yesterday that does not count.
    static func day() -> AdminBackend {
        var yesterday = F.order(1, status: .completed, minutesAfterNoon: -24 * 60, amountCents: 99900)
        yesterday.ids.userId = 100
        var orders = [
            yesterday,
            F.order(2, status: .completed, minutesAfterNoon: 1, amountCents: 3800),
            F.order(3, status: .completed, minutesAfterNoon: 2, amountCents: 4550),
            F.order(4, status: .completed, minutesAfterNoon: 3, amountCents: 2001),
            F.order(5, status: .cancelled, minutesAfterNoon: 4),
            F.order(6, status: .toBeConfirmed, minutesAfterNoon: 5),
            F.order(7, status: .confirmed, minutesAfterNoon: 6),
        ]
        // Customer 100 ordered yesterday too: not new today.
        orders[1].ids.userId = 100
        return F.backend(orders: orders)
    }

    @Test func businessDataCountsTodaysCompletedOrdersInDecimal() throws {
        var backend = Self.day()
        let r = call(&backend, "GET", "/admin/workspace/businessData")
        // turnover 38.00 + 45.50 + 20.01 = 103.51; 3 of 6 orders; 103.51 / 3 = 34.503… → 34.50.
        // Users: 100 (not new), and orders 3…7 by users 4 + id % 3 → 4, 5, 6: 3 new.
        #expect(r.body == #"{"code":1,"msg":null,"data":{"turnover":103.51,"validOrderCount":3,"orderCompletionRate":0.5,"unitPrice":34.50,"newUsers":3}}"#)
    }

    @Test func overviewOrdersCountsTodaysOrdersByOutcome() {
        var backend = Self.day()
        #expect(call(&backend, "GET", "/admin/workspace/overviewOrders").body
            == #"{"code":1,"msg":null,"data":{"waitingOrders":1,"deliveredOrders":1,"completedOrders":3,"cancelledOrders":1,"allOrders":6}}"#)
    }

    @Test func anEmptyDayHasZeroFigures() {
        var backend = F.backend()
        #expect(call(&backend, "GET", "/admin/workspace/businessData").body
            == #"{"code":1,"msg":null,"data":{"turnover":0.00,"validOrderCount":0,"orderCompletionRate":0.0,"unitPrice":0.00,"newUsers":0}}"#)
    }

    @Test func moneyIsRoundedHalfUpWithTheBackendsDecimals() {
        #expect(OrderStore.money(Decimal(string: "34.505")!, scale: 2).text == "34.51")
        #expect(OrderStore.money(Decimal(string: "34.504")!, scale: 2).text == "34.50")
        #expect(OrderStore.money(Decimal(2) / Decimal(3), scale: 4, trimmed: true).text == "0.6667")
        #expect(OrderStore.money(Decimal(1), scale: 4, trimmed: true).text == "1.0")
        #expect(OrderStore.money(Decimal(string: "-0.5")!, scale: 2).text == "-0.50")
    }
}
