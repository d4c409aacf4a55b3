import Foundation
import Orders
import Testing
@testable import DemoBackend

/// The orders behind the demo's notifications: drawn from the menu, the same for the same seed.
@Suite struct DemoOrderMakerTests {
    let maker = DemoOrderMaker(seed: 42, time: AdminFixtures.time)
    let paid = AdminFixtures.noon

    @Test func theSameSeedAndIdGiveTheSameOrder() {
        let a = maker.order(id: 1001, number: 1_764_126_000_001, paidAt: paid)
        let b = DemoOrderMaker(seed: 42, time: AdminFixtures.time).order(id: 1001, number: 1_764_126_000_001, paidAt: paid)
        #expect(a == b)
        let other = DemoOrderMaker(seed: 43, time: AdminFixtures.time).order(id: 1001, number: 1_764_126_000_001, paidAt: paid)
        let orders = (1001...1020).map { maker.order(id: $0, number: 1_764_126_000_000 + $0, paidAt: paid) }
        #expect(Set(orders.map { $0.order.dishesSummary }).count > 5, "orders differ from one another")
        #expect(other != a)
    }

    @Test(arguments: Array(Int64(1001)...Int64(1060)))
    func anOrderIsAWaitingPaidOrderFromTheMenuWithAmountsThatAddUp(id: Int64) throws {
        let stored = maker.order(id: id, number: 1_764_126_000_000 + id, paidAt: paid)
        let o = stored.order
        #expect(o.status == .toBeConfirmed)
        #expect(o.payStatus == 1)
        #expect(o.number == String(1_764_126_000_000 + id))
        #expect(o.checkoutTime == "2025-11-26 11:00")
        #expect(o.orderTime == "2025-11-26 10:59", "submitted 10–50 s before paying")
        #expect(o.estimatedDeliveryTime == "2025-11-26 11:45")
        #expect(!o.dishes.isEmpty && o.dishes.count <= 4)
        #expect(stored.ids.lines.count == o.dishes.count)
        var dishes = Decimal(0)
        var items = 0
        for (dish, line) in zip(o.dishes, stored.ids.lines) {
            let item = try #require(DemoMenu.items.first { $0.name == dish.name })
            #expect(line.dishId == item.dishId)
            #expect(dish.amount == Money(cents: item.priceCents))
            if let flavor = dish.flavor { #expect(item.flavors.contains(flavor)) }
            dishes += try #require(dish.amount).value * Decimal(dish.count)
            items += dish.count
        }
        let pack = try #require(o.packAmount)
        #expect(pack.value == Decimal(items))
        let amount = try #require(o.amount)
        #expect(amount.value == dishes + pack.value + 6)
        #expect(amount.text.split(separator: ".").last?.count == 2, "written like 38.00: \(amount.text)")
        #expect(DemoMenu.customers.contains { $0.phone == o.phone && $0.consignee == o.consignee && $0.userId == stored.ids.userId })
    }
}
