/// What the merchant can do to an order, with the backend's rules for when.
public enum OrderAction: Sendable, Hashable {
    case accept                 // 接单  PUT /order/confirm        only 待接单
    case reject(reason: String) // 拒单  PUT /order/rejection      only 待接单
    case cancel(reason: String) // 取消  PUT /order/cancel         any order not finished
    case deliver                // 派送  PUT /order/delivery/{id}  only 待派送
    case complete               // 完成  PUT /order/complete/{id}  only 派送中

    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case accept, reject, cancel, deliver, complete
    }

    public var kind: Kind {
        switch self {
        case .accept: return .accept
        case .reject: return .reject
        case .cancel: return .cancel
        case .deliver: return .deliver
        case .complete: return .complete
        }
    }

    public var reason: String? {
        switch self {
        case .reject(let r), .cancel(let r): return r
        default: return nil
        }
    }
}

extension OrderAction.Kind {
    /// The admin UI's word for the action.
    public var word: String {
        switch self {
        case .accept: return "接单"
        case .reject: return "拒单"
        case .cancel: return "取消"
        case .deliver: return "派送"
        case .complete: return "完成"
        }
    }

    /// Whether the backend allows this action on an order in `status`. Offering an action only
    /// where it is allowed spares the merchant a `订单状态错误`.
    public func isAllowed(in status: OrderStatus) -> Bool {
        switch self {
        case .accept, .reject: return status == .toBeConfirmed
        case .deliver: return status == .confirmed
        case .complete: return status == .deliveryInProgress
        case .cancel: return [.pendingPayment, .toBeConfirmed, .confirmed, .deliveryInProgress].contains(status)
        }
    }

    /// The status an order has after the backend accepted this action.
    public var resultingStatus: OrderStatus {
        switch self {
        case .accept: return .confirmed
        case .reject, .cancel: return .cancelled
        case .deliver: return .deliveryInProgress
        case .complete: return .completed
        }
    }

    /// The reasons the admin UI offers; the merchant may also type one.
    public var presetReasons: [String] {
        switch self {
        case .reject: return OrderReasons.reject
        case .cancel: return OrderReasons.cancel
        default: return []
        }
    }
}

/// The admin UI's preset reasons (its last choice, 自定义原因, is a reason typed by the merchant).
public enum OrderReasons {
    public static let reject = ["订单量较多，暂时无法接单", "菜品已销售完，暂时无法接单", "餐厅已打烊，暂时无法接单"]
    public static let cancel = ["订单量较多，暂时无法接单", "菜品已销售完，暂时无法接单", "骑手不足无法配送", "客户电话取消", "餐厅已打烊，暂时无法接单"]
    public static let custom = "自定义原因"
}
