import Orders

/// One call of the admin API, as data. `AdminRequest(call)` turns it into method, path and body.
public enum AdminCall: Sendable, Equatable, CustomStringConvertible {
    case login(username: String, password: String)
    case logout
    case conditionSearch(OrderQuery)
    case details(id: Int64)
    case statistics
    case perform(OrderAction, id: Int64)
    case shopStatus
    case setShop(ShopStatus)
    case businessData

    /// Whether the call needs the `token` header (every call but login).
    public var needsToken: Bool {
        if case .login = self { return false }
        return true
    }

    /// The call without its secrets: `login admin`, `details 7`.
    public var description: String {
        switch self {
        case .login(let user, _): return "login \(user)"
        case .logout: return "logout"
        case .conditionSearch(let q): return "conditionSearch page \(q.page)"
        case .details(let id): return "details \(id)"
        case .statistics: return "statistics"
        case .perform(let action, let id): return "\(action.kind.rawValue) \(id)"
        case .shopStatus: return "shop status"
        case .setShop(let s): return "shop \(s == .open ? "open" : "close")"
        case .businessData: return "businessData"
        }
    }
}

/// `GET /order/conditionSearch`'s parameters. Times are the backend's `yyyy-MM-dd HH:mm:ss`.
public struct OrderQuery: Sendable, Equatable {
    public var page: Int
    public var pageSize: Int
    public var status: Int?
    public var number: String?
    public var phone: String?
    public var beginTime: String?
    public var endTime: String?

    public init(page: Int = 1, pageSize: Int = 10, status: Int? = nil, number: String? = nil, phone: String? = nil,
                beginTime: String? = nil, endTime: String? = nil) {
        self.page = page
        self.pageSize = pageSize
        self.status = status
        self.number = number
        self.phone = phone
        self.beginTime = beginTime
        self.endTime = endTime
    }
}
