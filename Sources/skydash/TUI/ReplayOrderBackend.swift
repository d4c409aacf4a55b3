import Dashboard
import Orders

/// The admin API during a replay: read-only. Details and actions come from the journal's records;
/// anything the merchant asks for is answered "replay: read-only", and nothing is ever called.
struct ReplayOrderBackend: OrderBackend {
    static let readOnly = "replay: read-only"
    var access: AdminAccess { .readOnly(reason: Self.readOnly) }

    func login() async throws(AdminFailure) -> String { throw .refused(Self.readOnly) }
    func details(orderId: Int64) async throws(AdminFailure) -> Order { throw .refused(Self.readOnly) }
    func perform(_ action: OrderAction, orderId: Int64) async throws(AdminFailure) { throw .refused(Self.readOnly) }
    func statistics() async throws(AdminFailure) -> OrderStatistics { throw .refused(Self.readOnly) }
    func shopStatus() async throws(AdminFailure) -> ShopStatus { throw .refused(Self.readOnly) }
    func setShop(_ status: ShopStatus) async throws(AdminFailure) { throw .refused(Self.readOnly) }
    func businessData() async throws(AdminFailure) -> BusinessData { throw .refused(Self.readOnly) }
}
