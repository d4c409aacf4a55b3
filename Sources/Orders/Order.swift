/// One order as the admin API describes it (the backend's `OrderVO`), with what a merchant needs
/// at the counter. Times are the backend's local `yyyy-MM-dd HH:mm` text, kept as written.
public struct Order: Sendable, Equatable {
    public var id: Int64
    /// The order number (`1764126000001`), as text.
    public var number: String
    public var status: OrderStatus
    public var amount: Money?
    public var orderTime: String?
    public var checkoutTime: String?
    public var estimatedDeliveryTime: String?
    public var deliveryTime: String?
    public var cancelTime: String?
    /// 1 微信, 2 支付宝.
    public var payMethod: Int?
    /// 0 未支付, 1 已支付, 2 退款.
    public var payStatus: Int?
    /// 1 立即送出, 0 指定时间.
    public var deliveryStatus: Int?
    public var packAmount: Money?
    public var tablewareNumber: Int?
    /// 1 按餐量, 0 指定数量.
    public var tablewareStatus: Int?
    public var userName: String?
    public var consignee: String?
    public var phone: String?
    public var address: String?
    public var remark: String?
    public var cancelReason: String?
    public var rejectionReason: String?
    /// The dishes: from `orderDetailList` when the answer has it, else parsed from `orderDishes`
    /// (`宫保鸡丁*1;米饭*2;`).
    public var dishes: [Dish]

    public init(id: Int64, number: String, status: OrderStatus, amount: Money? = nil, dishes: [Dish] = []) {
        self.id = id
        self.number = number
        self.status = status
        self.amount = amount
        self.dishes = dishes
    }

    /// `宫保鸡丁×1 米饭×2`.
    public var dishesSummary: String {
        dishes.map { $0.summary }.joined(separator: " ")
    }

    /// The reason the order was refused or cancelled, if there is one.
    public var reason: String? {
        rejectionReason.flatMap { $0.isEmpty ? nil : $0 } ?? cancelReason.flatMap { $0.isEmpty ? nil : $0 }
    }
}

/// One line of an order: a dish (or set meal) with its flavour and count.
public struct Dish: Sendable, Equatable {
    public var name: String
    public var flavor: String?
    public var count: Int
    /// The line's amount, when the backend gives it.
    public var amount: Money?

    public init(name: String, flavor: String? = nil, count: Int, amount: Money? = nil) {
        self.name = name
        self.flavor = flavor
        self.count = count
        self.amount = amount
    }

    /// `宫保鸡丁×1`, or `宫保鸡丁(微辣)×1` with a flavour.
    public var summary: String {
        let f = (flavor?.isEmpty ?? true) ? "" : "(\(flavor!))"
        return "\(name)\(f)×\(count)"
    }

    /// Parses the backend's `orderDishes` text: `宫保鸡丁*1;米饭*2;`. A part without a valid
    /// `*count` is kept as a dish of count 1 with the whole part as its name, so nothing is lost.
    public static func parseSummary(_ text: String) -> [Dish] {
        text.split(separator: ";", omittingEmptySubsequences: true).compactMap { part in
            let p = part.trimmingSpaces()
            guard !p.isEmpty else { return nil }
            if let star = p.lastIndex(of: "*"), let n = Int(p[p.index(after: star)...]), n >= 0, star > p.startIndex {
                return Dish(name: String(p[..<star]), count: n)
            }
            return Dish(name: String(p), count: 1)
        }
    }
}

extension Substring {
    func trimmingSpaces() -> Substring {
        var s = self
        while let f = s.first, f == " " || f == "\n" || f == "\t" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\n" || l == "\t" { s.removeLast() }
        return s
    }
}
