/// An order's status (the backend's `status` field), named in the admin UI's words.
public enum OrderStatus: Sendable, Hashable, CustomStringConvertible {
    case pendingPayment      // 1 待付款
    case toBeConfirmed       // 2 待接单
    case confirmed           // 3 待派送 (the backend says 已接单)
    case deliveryInProgress  // 4 派送中
    case completed           // 5 已完成
    case cancelled           // 6 已取消
    case refunded            // 7 退款
    case unknown(Int)

    public init(code: Int) {
        switch code {
        case 1: self = .pendingPayment
        case 2: self = .toBeConfirmed
        case 3: self = .confirmed
        case 4: self = .deliveryInProgress
        case 5: self = .completed
        case 6: self = .cancelled
        case 7: self = .refunded
        default: self = .unknown(code)
        }
    }

    public var code: Int {
        switch self {
        case .pendingPayment: return 1
        case .toBeConfirmed: return 2
        case .confirmed: return 3
        case .deliveryInProgress: return 4
        case .completed: return 5
        case .cancelled: return 6
        case .refunded: return 7
        case .unknown(let c): return c
        }
    }

    /// The admin UI's word for the status (`待接单`); `状态N` for a status it does not know.
    public var word: String {
        switch self {
        case .pendingPayment: return "待付款"
        case .toBeConfirmed: return "待接单"
        case .confirmed: return "待派送"
        case .deliveryInProgress: return "派送中"
        case .completed: return "已完成"
        case .cancelled: return "已取消"
        case .refunded: return "退款"
        case .unknown(let c): return "状态\(c)"
        }
    }

    public var description: String { word }

    /// Every known status, in the backend's order.
    public static let known: [OrderStatus] = [.pendingPayment, .toBeConfirmed, .confirmed, .deliveryInProgress, .completed, .cancelled, .refunded]
}
