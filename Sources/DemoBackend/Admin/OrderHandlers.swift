import Notifications
import Orders

/// `/admin/order/…`: list, details, counts and the merchant's actions.
enum OrderHandlers {
    /// `GET /admin/order/conditionSearch?page&pageSize&status&number&phone&beginTime&endTime` →
    /// `{"total":N,"records":[OrderVO with orderDishes…]}`, newest first.
    @Sendable static func conditionSearch(_ backend: inout AdminBackend, _ call: AdminCall) throws(AdminFailure) -> JSONValue {
        var q = OrderStore.Query()
        q.page = try call.queryInt("page") ?? 1
        q.pageSize = try call.queryInt("pageSize") ?? 10
        guard q.page >= 1 else { throw .badRequest("page must be 1 or more, not \(q.page)") }
        guard q.pageSize >= 1 else { throw .badRequest("pageSize must be 1 or more, not \(q.pageSize)") }
        q.status = try call.queryInt("status")
        q.number = call.queryText("number")
        q.phone = call.queryText("phone")
        for name in ["beginTime", "endTime"] {
            guard let t = call.queryText(name) else { continue }
            guard BackendTime.isQueryTime(t) else {
                throw .badRequest("\(name) must be yyyy-MM-dd HH:mm:ss, not \"\(t)\"")
            }
            if name == "beginTime" { q.beginTime = t } else { q.endTime = t }
        }
        let page = backend.store.search(q)
        return .object([
            ("total", .integer(page.total)),
            ("records", .array(page.records.map { $0.order.voJSON(ids: $0.ids, shape: .listed) })),
        ])
    }

    /// `GET /admin/order/details/{id}` → the OrderVO with `orderDetailList`; `订单不存在`.
    @Sendable static func details(_ backend: inout AdminBackend, _ call: AdminCall) throws(AdminFailure) -> JSONValue {
        let id = try call.idParameter()
        guard let stored = backend.store[id] else { throw .refused(OrderStore.Refusal.noSuchOrder.rawValue) }
        return stored.order.voJSON(ids: stored.ids, shape: .details)
    }

    /// `GET /admin/order/statistics` → `{"toBeConfirmed","confirmed","deliveryInProgress"}`.
    @Sendable static func statistics(_ backend: inout AdminBackend, _ call: AdminCall) throws(AdminFailure) -> JSONValue {
        backend.store.statistics.json
    }

    /// `PUT /admin/order/confirm {"id"}`: 待接单 → 待派送.
    @Sendable static func confirm(_ backend: inout AdminBackend, _ call: AdminCall) throws(AdminFailure) -> JSONValue {
        try apply(.accept, to: call.jsonBody().requiredId("id"), &backend, call)
    }

    /// `PUT /admin/order/rejection {"id","rejectionReason"}`: 待接单 → 已取消, refunded if paid.
    @Sendable static func rejection(_ backend: inout AdminBackend, _ call: AdminCall) throws(AdminFailure) -> JSONValue {
        let body = try call.jsonBody()
        let id = try body.requiredId("id")
        return try apply(.reject(reason: try body.optionalText("rejectionReason") ?? ""), to: id, &backend, call)
    }

    /// `PUT /admin/order/cancel {"id","cancelReason"}`: any unfinished order → 已取消, refunded if paid.
    @Sendable static func cancel(_ backend: inout AdminBackend, _ call: AdminCall) throws(AdminFailure) -> JSONValue {
        let body = try call.jsonBody()
        let id = try body.requiredId("id")
        return try apply(.cancel(reason: try body.optionalText("cancelReason") ?? ""), to: id, &backend, call)
    }

    /// `PUT /admin/order/delivery/{id}`: 待派送 → 派送中.
    @Sendable static func delivery(_ backend: inout AdminBackend, _ call: AdminCall) throws(AdminFailure) -> JSONValue {
        try apply(.deliver, to: call.idParameter(), &backend, call)
    }

    /// `PUT /admin/order/complete/{id}`: 派送中 → 已完成.
    @Sendable static func complete(_ backend: inout AdminBackend, _ call: AdminCall) throws(AdminFailure) -> JSONValue {
        try apply(.complete, to: call.idParameter(), &backend, call)
    }

    private static func apply(_ action: OrderAction, to id: Int64, _ backend: inout AdminBackend, _ call: AdminCall) throws(AdminFailure) -> JSONValue {
        do throws(OrderStore.Refusal) {
            _ = try backend.store.apply(action, to: id, now: call.now.minutes)
            return .null
        } catch {
            throw .refused(error.rawValue)
        }
    }
}
