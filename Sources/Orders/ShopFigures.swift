/// Whether the shop takes orders (`GET /shop/status`: 1 营业中, 0 打烊中).
public enum ShopStatus: Sendable, Equatable {
    case open
    case closed

    public init?(code: Int) {
        switch code {
        case 1: self = .open
        case 0: self = .closed
        default: return nil
        }
    }

    public var code: Int { self == .open ? 1 : 0 }
    public var word: String { self == .open ? "营业中" : "打烊中" }
}

/// `GET /order/statistics`: orders per open status.
public struct OrderStatistics: Sendable, Equatable {
    public var toBeConfirmed: Int
    public var confirmed: Int
    public var deliveryInProgress: Int
    public init(toBeConfirmed: Int, confirmed: Int, deliveryInProgress: Int) {
        self.toBeConfirmed = toBeConfirmed
        self.confirmed = confirmed
        self.deliveryInProgress = deliveryInProgress
    }
}

/// `GET /workspace/businessData`: today's figures.
public struct BusinessData: Sendable, Equatable {
    /// 营业额.
    public var turnover: Money
    /// 有效订单.
    public var validOrderCount: Int
    /// 订单完成率, 0…1 as the backend writes it (`0.8`).
    public var orderCompletionRate: Money
    /// 平均客单价.
    public var unitPrice: Money
    public var newUsers: Int
    public init(turnover: Money, validOrderCount: Int, orderCompletionRate: Money, unitPrice: Money, newUsers: Int) {
        self.turnover = turnover
        self.validOrderCount = validOrderCount
        self.orderCompletionRate = orderCompletionRate
        self.unitPrice = unitPrice
        self.newUsers = newUsers
    }
}

/// A page of `GET /order/conditionSearch`.
public struct OrderPage: Sendable, Equatable {
    public var total: Int
    public var records: [Order]
    public init(total: Int, records: [Order]) {
        self.total = total
        self.records = records
    }
}
