import Testing
@testable import DemoBackend

/// Method + path → route, without sockets.
@Suite struct AdminRouterTests {
    let router = AdminRouter(routes: AdminRoutes.all)

    func found(_ method: String, _ path: String) -> (pattern: [AdminRoute.Segment], parameter: String?)? {
        if case .found(let route, let parameter) = router.match(method: method, path: path) { return (route.segments, parameter) }
        return nil
    }

    @Test func aPathParameterIsHandedOver() {
        #expect(found("GET", "/admin/order/details/1001")?.parameter == "1001")
        #expect(found("PUT", "/admin/order/delivery/%31%32")?.parameter == "12")
        #expect(found("PUT", "/admin/shop/0")?.parameter == "0")
        #expect(found("GET", "/admin/order/statistics")?.parameter == nil)
    }

    @Test func aFixedWordWinsOverAParameter() {
        #expect(found("GET", "/admin/shop/status")?.pattern == [.word("admin"), .word("shop"), .word("status")])
        #expect(found("PUT", "/admin/shop/status")?.pattern == [.word("admin"), .word("shop"), .parameter])
    }

    @Test func otherMethodsAndPathsAreTold() {
        if case .methodNotAllowed = router.match(method: "GET", path: "/admin/order/confirm") {} else { Issue.record("GET confirm") }
        if case .notFound = router.match(method: "GET", path: "/admin/order/details") {} else { Issue.record("details without id") }
        if case .notFound = router.match(method: "GET", path: "/admin/order/details/1/2") {} else { Issue.record("two ids") }
        if case .notFound = router.match(method: "GET", path: "/admin") {} else { Issue.record("/admin") }
    }

    @Test func onlyTheAdminTreeGoesToTheAPI() {
        #expect(AdminHTTPHandler.isAdmin(target: "/admin/order/statistics"))
        #expect(AdminHTTPHandler.isAdmin(target: "/admin?x=1"))
        #expect(!AdminHTTPHandler.isAdmin(target: "/administrator"))
        #expect(!AdminHTTPHandler.isAdmin(target: "/ws/admin"))
        #expect(!AdminHTTPHandler.isAdmin(target: "/"))
    }

    @Test func theQueryIsDecoded() {
        let r = AdminRequest(method: "GET", target: "/admin/x?a=1&b=%E5%AE%AB+%E4%BF%9D&a=2&flag&c=")
        #expect(r.path == "/admin/x")
        #expect(r.query == ["a": "1", "b": "宫 保", "flag": "", "c": ""])
        #expect(r.queryError == nil)
        #expect(AdminRequest(method: "GET", target: "/admin/x?a=%E5").queryError != nil)
    }
}
