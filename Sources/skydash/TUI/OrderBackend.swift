import Dashboard
import Orders

/// The backend's admin REST API as the dashboard uses it. An implementation adapts a client
/// (the lead plugs `AdminClient` in with one small file) and maps every error to an
/// `AdminFailure`: `.refused` with the backend's own words for a business refusal
/// (`订单状态错误`), `.unauthorized` when the token was refused and logging in again failed (the
/// login's words: `密码错误`), `.failed` with a display text for anything else (network, HTTP, a bad
/// answer). Secrets never appear in those texts.
protocol OrderBackend: Sendable {
    /// How the dashboard may use this backend (`.live`, or `.readOnly` for replay).
    var access: AdminAccess { get }
    /// Logs in (or checks the token); the display name of who is logged in.
    func login() async throws(AdminFailure) -> String
    func details(orderId: Int64) async throws(AdminFailure) -> Order
    func perform(_ action: OrderAction, orderId: Int64) async throws(AdminFailure)
    func statistics() async throws(AdminFailure) -> OrderStatistics
    func shopStatus() async throws(AdminFailure) -> ShopStatus
    func setShop(_ status: ShopStatus) async throws(AdminFailure)
    func businessData() async throws(AdminFailure) -> BusinessData
}
