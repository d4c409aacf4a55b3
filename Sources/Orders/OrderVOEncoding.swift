import Notifications

/// What the backend's `OrderVO` carries beyond `Order`: the ids of the customer, the address and
/// each line of `orderDetailList` (in the order of `Order.dishes`).
public struct OrderRecordIds: Sendable, Equatable {
    public var userId: Int64
    public var addressBookId: Int64
    public var lines: [Line]

    /// One `orderDetailList` entry's ids and picture.
    public struct Line: Sendable, Equatable {
        public var id: Int64
        public var dishId: Int64?
        public var setmealId: Int64?
        public var image: String

        public init(id: Int64, dishId: Int64?, setmealId: Int64? = nil, image: String = "") {
            self.id = id
            self.dishId = dishId
            self.setmealId = setmealId
            self.image = image
        }
    }

    public init(userId: Int64, addressBookId: Int64, lines: [Line]) {
        self.userId = userId
        self.addressBookId = addressBookId
        self.lines = lines
    }
}

extension Order {
    /// How `conditionSearch` and `details` present an order.
    package enum VOShape: Sendable {
        /// A row of `conditionSearch`: `orderDishes` (`宫保鸡丁*1;米饭*2;`), `orderDetailList` null.
        case listed
        /// `details/{id}`: `orderDetailList`, `orderDishes` null.
        case details
    }

    /// The order as the backend's JSON writes an `OrderVO`: its fields in the backend's order,
    /// amounts as their decimal text (`38.00`), unset fields null.
    package func voJSON(ids: OrderRecordIds, shape: VOShape) -> JSONValue {
        var members: [(key: String, value: JSONValue)] = [
            ("id", .integer(id)),
            ("number", .string(number)),
            ("status", .integer(status.code)),
            ("userId", .integer(ids.userId)),
            ("addressBookId", .integer(ids.addressBookId)),
            ("orderTime", .nullableString(orderTime)),
            ("checkoutTime", .nullableString(checkoutTime)),
            ("payMethod", .integer(payMethod)),
            ("payStatus", .integer(payStatus)),
            ("amount", .money(amount)),
            ("remark", .nullableString(remark)),
            ("userName", .nullableString(userName)),
            ("phone", .nullableString(phone)),
            ("address", .nullableString(address)),
            ("consignee", .nullableString(consignee)),
            ("cancelReason", .nullableString(cancelReason)),
            ("rejectionReason", .nullableString(rejectionReason)),
            ("cancelTime", .nullableString(cancelTime)),
            ("estimatedDeliveryTime", .nullableString(estimatedDeliveryTime)),
            ("deliveryStatus", .integer(deliveryStatus)),
            ("deliveryTime", .nullableString(deliveryTime)),
            ("packAmount", .money(packAmount)),
            ("tablewareNumber", .integer(tablewareNumber)),
            ("tablewareStatus", .integer(tablewareStatus)),
        ]
        switch shape {
        case .listed:
            members.append(("orderDishes", .string(backendDishesSummary)))
            members.append(("orderDetailList", .null))
        case .details:
            members.append(("orderDishes", .null))
            members.append(("orderDetailList", .array(detailList(ids.lines))))
        }
        return .object(members)
    }

    /// The backend's `orderDishes`: `宫保鸡丁*1;米饭*2;` (name and count of each line, flavour left out).
    package var backendDishesSummary: String {
        dishes.map { "\($0.name)*\($0.count);" }.joined()
    }

    private func detailList(_ lines: [OrderRecordIds.Line]) -> [JSONValue] {
        dishes.enumerated().map { i, dish in
            let line = i < lines.count ? lines[i] : nil
            return .object([
                ("id", .integer(line?.id)),
                ("name", .string(dish.name)),
                ("orderId", .integer(id)),
                ("dishId", .integer(line?.dishId)),
                ("setmealId", .integer(line?.setmealId)),
                ("dishFlavor", .nullableString(dish.flavor)),
                ("number", .integer(dish.count)),
                ("amount", .money(dish.amount)),
                ("image", .nullableString(line?.image)),
            ])
        }
    }
}

extension JSONValue {
    /// An amount as a JSON number with its exact text (`38.00`), or null.
    package static func money(_ m: Money?) -> JSONValue {
        m.map { .number(token: $0.text, isInteger: false) } ?? .null
    }
}
