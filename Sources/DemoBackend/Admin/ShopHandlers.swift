import Notifications
import Orders

/// `/admin/shop/…` and `/admin/workspace/…`: the shop's state and today's figures.
enum ShopHandlers {
    /// `GET /admin/shop/status` → `1` 营业中 / `0` 打烊中.
    @Sendable static func status(_ backend: inout AdminBackend, _ call: AdminCall) throws(AdminFailure) -> JSONValue {
        .integer(backend.store.shop.code)
    }

    /// `PUT /admin/shop/{0|1}`.
    @Sendable static func setStatus(_ backend: inout AdminBackend, _ call: AdminCall) throws(AdminFailure) -> JSONValue {
        guard let code = call.parameter.flatMap({ Int($0) }), let status = ShopStatus(code: code) else {
            throw .badRequest("the shop status in the path must be 1 (营业中) or 0 (打烊中), not \"\(call.parameter ?? "")\"")
        }
        backend.store.shop = status
        return .null
    }

    /// `GET /admin/workspace/businessData` → today's `{turnover, validOrderCount, orderCompletionRate, unitPrice, newUsers}`.
    @Sendable static func businessData(_ backend: inout AdminBackend, _ call: AdminCall) throws(AdminFailure) -> JSONValue {
        backend.store.businessData(day: call.now.day).json
    }

    /// `GET /admin/workspace/overviewOrders` → today's `{waitingOrders, deliveredOrders, completedOrders, cancelledOrders, allOrders}`.
    @Sendable static func overviewOrders(_ backend: inout AdminBackend, _ call: AdminCall) throws(AdminFailure) -> JSONValue {
        backend.store.overview(day: call.now.day).json
    }
}
