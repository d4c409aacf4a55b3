import AdminAPI
import Dashboard
import Orders

/// The dashboard's `OrderBackend` on the real admin API client: every `AdminAPIError` becomes the
/// `AdminFailure` the dashboard shows (a refusal in the backend's own words; a failed login or
/// refused token; anything else as a display text). Texts never hold the token.
struct AdminOrderBackend: OrderBackend {
    let client: AdminClient
    var access: AdminAccess { .live }

    func login() async throws(AdminFailure) -> String {
        let employee = try await call { () async throws(AdminAPIError) in try await client.login() }
        return employee.name.isEmpty ? employee.userName : employee.name
    }

    func details(orderId: Int64) async throws(AdminFailure) -> Order {
        try await call { () async throws(AdminAPIError) in try await client.details(id: orderId) }
    }

    func perform(_ action: OrderAction, orderId: Int64) async throws(AdminFailure) {
        try await call { () async throws(AdminAPIError) in try await client.perform(action, id: orderId) }
    }

    func statistics() async throws(AdminFailure) -> OrderStatistics {
        try await call { () async throws(AdminAPIError) in try await client.statistics() }
    }

    func shopStatus() async throws(AdminFailure) -> ShopStatus {
        try await call { () async throws(AdminAPIError) in try await client.shopStatus() }
    }

    func setShop(_ status: ShopStatus) async throws(AdminFailure) {
        try await call { () async throws(AdminAPIError) in try await client.setShop(status) }
    }

    func businessData() async throws(AdminFailure) -> BusinessData {
        try await call { () async throws(AdminAPIError) in try await client.businessData() }
    }

    private func call<T>(_ body: () async throws(AdminAPIError) -> T) async throws(AdminFailure) -> T {
        do {
            return try await body()
        } catch {
            throw Self.failure(error)
        }
    }

    static func failure(_ error: AdminAPIError) -> AdminFailure {
        switch error {
        case .refused(let message): return .refused(message)
        case .loginFailed, .unauthorized: return .unauthorized(error.description)
        case .http, .badAnswer, .network: return .failed(error.description)
        }
    }
}
