/// The admin API's routes: the backend's paths under `/admin`, the subset skydash uses.
/// Fixed words come before `{…}` where both could match (`GET /admin/shop/status`).
enum AdminRoutes {
    static let all: [AdminRoute] = [
        AdminRoute("POST", "/admin/employee/login", needsToken: false, EmployeeHandlers.login),
        AdminRoute("POST", "/admin/employee/logout", EmployeeHandlers.logout),
        AdminRoute("GET", "/admin/order/conditionSearch", OrderHandlers.conditionSearch),
        AdminRoute("GET", "/admin/order/details/{id}", OrderHandlers.details),
        AdminRoute("GET", "/admin/order/statistics", OrderHandlers.statistics),
        AdminRoute("PUT", "/admin/order/confirm", OrderHandlers.confirm),
        AdminRoute("PUT", "/admin/order/rejection", OrderHandlers.rejection),
        AdminRoute("PUT", "/admin/order/cancel", OrderHandlers.cancel),
        AdminRoute("PUT", "/admin/order/delivery/{id}", OrderHandlers.delivery),
        AdminRoute("PUT", "/admin/order/complete/{id}", OrderHandlers.complete),
        AdminRoute("GET", "/admin/shop/status", ShopHandlers.status),
        AdminRoute("PUT", "/admin/shop/{status}", ShopHandlers.setStatus),
        AdminRoute("GET", "/admin/workspace/businessData", ShopHandlers.businessData),
        AdminRoute("GET", "/admin/workspace/overviewOrders", ShopHandlers.overviewOrders),
    ]
}
