import Foundation
import Orders

/// A request to the backend's admin REST API, carried out by the runtime (effects as data).
public enum AdminRequest: Sendable, Equatable {
    /// `GET /order/details/{id}`.
    case fetchDetails(orderId: Int64)
    /// `PUT /order/confirm` / `rejection` / `cancel` / `delivery/{id}` / `complete/{id}`.
    case perform(orderId: Int64, action: OrderAction)
    /// `GET /order/statistics`.
    case refreshStatistics
    /// `GET /shop/status`.
    case fetchShopStatus
    /// `PUT /shop/{0|1}`.
    case setShop(ShopStatus)
    /// `GET /workspace/businessData`.
    case fetchBusinessData
}

/// Why a request did not give what was asked, in words fit for the screen.
public enum AdminFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// The backend refused (`{"code":0,"msg":"订单状态错误"}`): its own words.
    case refused(String)
    /// No usable answer (network, HTTP status, a malformed answer): nothing is known.
    case failed(String)
    /// The token was refused and logging in again failed (`密码错误`, `账号不存在`, …): nothing is
    /// known, and the header says why nobody is logged in.
    case unauthorized(String)

    public var text: String {
        switch self {
        case .refused(let m), .failed(let m), .unauthorized(let m): return m
        }
    }

    public var isUnauthorized: Bool { if case .unauthorized = self { return true } else { return false } }

    public var description: String { text }
}

/// The runtime's answer to an `AdminRequest` (or to the login it does at start).
public enum AdminAnswer: Sendable, Equatable {
    /// The login at start: the name of who is logged in.
    case login(Result<String, AdminFailure>)
    case details(orderId: Int64, Result<Order, AdminFailure>)
    /// `Void` results are written as `Result<Bool, …>` with `true`, to stay `Equatable`.
    case action(orderId: Int64, action: OrderAction, Result<Bool, AdminFailure>)
    case statistics(Result<OrderStatistics, AdminFailure>)
    case shopStatus(Result<ShopStatus, AdminFailure>)
    /// The answer to `setShop(status)`.
    case shopSet(ShopStatus, Result<Bool, AdminFailure>)
    case businessData(Result<BusinessData, AdminFailure>)
}
