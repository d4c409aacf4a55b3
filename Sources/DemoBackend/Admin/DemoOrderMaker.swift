import Foundation
import Orders

/// Makes the stored order behind a new-order notification: dishes from `DemoMenu`, a customer, a
/// remark, amounts in integer cents. The same seed, id and number give the same order, whatever
/// else the server did before (the draws come from a `SplitMix64` of the seed and the id alone).
struct DemoOrderMaker: Sendable {
    let seed: UInt64
    let time: BackendTime

    /// A paid order waiting for the merchant (待接单), placed `paidAt` (the payment; the order was
    /// submitted 10–50 s before).
    func order(id: Int64, number: Int64, paidAt: Date) -> StoredOrder {
        var rng = SplitMix64(seed: seed ^ (UInt64(bitPattern: id) &* 0xD1B5_4A32_D192_ED03))
        let menu = DemoMenu.items

        // 1–3 different dishes besides rice, 1–2 of each; rice (0–2 bowls) last, as carts show it.
        var picked: [Int] = []
        let kinds = 1 + rng.index(3)
        while picked.count < kinds {
            let i = rng.index(menu.count)
            if i != DemoMenu.riceIndex, !picked.contains(i) { picked.append(i) }
        }
        var lines: [(item: DemoMenu.Item, flavor: String?, count: Int)] = picked.map { i in
            let item = menu[i]
            let flavor = item.flavors.isEmpty ? nil : item.flavors[rng.index(item.flavors.count)]
            return (item, flavor, 1 + rng.index(2))
        }
        let rice = rng.index(3)
        if rice > 0 { lines.append((menu[DemoMenu.riceIndex], nil, rice)) }

        let customer = DemoMenu.customers[rng.index(DemoMenu.customers.count)]
        let remark = DemoMenu.remarks[rng.index(DemoMenu.remarks.count)]
        let payMethod = 1 + rng.index(2)
        let submittedBefore = 10 + Double(rng.index(41))
        let tablewareByMeal = rng.unit() < 0.7

        let items = lines.reduce(0) { $0 + $1.count }
        let dishCents = lines.reduce(Int64(0)) { $0 + $1.item.priceCents * Int64($1.count) }
        let packCents = DemoMenu.packFeeCentsPerItem * Int64(items)

        var order = Order(id: id, number: String(number), status: .toBeConfirmed,
                          amount: Money(cents: dishCents + packCents + DemoMenu.deliveryFeeCents),
                          dishes: lines.map { Dish(name: $0.item.name, flavor: $0.flavor, count: $0.count, amount: Money(cents: $0.item.priceCents)) })
        let submitted = paidAt.addingTimeInterval(-submittedBefore)
        order.orderTime = time.minutes(submitted)
        order.checkoutTime = time.minutes(paidAt)
        order.estimatedDeliveryTime = time.minutes(paidAt.addingTimeInterval(45 * 60))
        order.payMethod = payMethod
        order.payStatus = 1
        order.deliveryStatus = 1
        order.packAmount = Money(cents: packCents)
        order.tablewareStatus = tablewareByMeal ? 1 : 0
        order.tablewareNumber = tablewareByMeal ? 0 : 1 + rng.index(3)
        order.userName = customer.userName
        order.consignee = customer.consignee
        order.phone = customer.phone
        order.address = customer.address
        order.remark = remark.isEmpty ? nil : remark

        let ids = OrderRecordIds(
            userId: customer.userId, addressBookId: customer.addressBookId,
            lines: lines.enumerated().map { i, line in
                OrderRecordIds.Line(id: id &* 100 &+ Int64(i + 1), dishId: line.item.dishId, image: line.item.image)
            })
        return StoredOrder(order: order, ids: ids, placedAt: time.seconds(submitted))
    }
}
