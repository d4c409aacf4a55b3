import AdminAPI
import Orders
import Testing

@Suite struct AdminRequestTests {
    @Test func loginPostsUserAndPasswordAsJSON() {
        let r = AdminRequest(.login(username: "admin", password: "12\"34\\56"))
        #expect(r.method == "POST")
        #expect(r.target == "/employee/login")
        #expect(r.body == #"{"username":"admin","password":"12\"34\\56"}"#)
        #expect(r.description == "POST /employee/login")
        #expect(AdminCall.login(username: "admin", password: "secret").description == "login admin")
    }

    @Test func conditionSearchPercentEncodesItsQuery() {
        let q = OrderQuery(page: 2, pageSize: 20, status: 2, number: "17641", phone: "138 0000",
                           beginTime: "2026-11-30 00:00:00", endTime: "2026-11-30 23:59:59")
        let r = AdminRequest(.conditionSearch(q))
        #expect(r.method == "GET")
        #expect(r.target == "/order/conditionSearch?page=2&pageSize=20&status=2&number=17641&phone=138%200000"
                + "&beginTime=2026-11-30%2000%3A00%3A00&endTime=2026-11-30%2023%3A59%3A59")
        #expect(r.body == nil)
        #expect(AdminRequest(.conditionSearch(OrderQuery())).target == "/order/conditionSearch?page=1&pageSize=10")
    }

    @Test func everyActionGoesToItsEndpoint() {
        #expect(AdminRequest(.perform(.accept, id: 7)) == AdminRequest(method: "PUT", target: "/order/confirm", body: #"{"id":7}"#))
        #expect(AdminRequest(.perform(.reject(reason: "菜品已销售完，暂时无法接单"), id: 7))
                == AdminRequest(method: "PUT", target: "/order/rejection", body: #"{"id":7,"rejectionReason":"菜品已销售完，暂时无法接单"}"#))
        #expect(AdminRequest(.perform(.cancel(reason: "客户\n电话"), id: 9))
                == AdminRequest(method: "PUT", target: "/order/cancel", body: #"{"id":9,"cancelReason":"客户\n电话"}"#))
        #expect(AdminRequest(.perform(.deliver, id: 7)) == AdminRequest(method: "PUT", target: "/order/delivery/7"))
        #expect(AdminRequest(.perform(.complete, id: 7)) == AdminRequest(method: "PUT", target: "/order/complete/7"))
    }

    @Test func otherCalls() {
        #expect(AdminRequest(.logout) == AdminRequest(method: "POST", target: "/employee/logout"))
        #expect(AdminRequest(.details(id: 1_796_000_000_000_000_123)) == AdminRequest(method: "GET", target: "/order/details/1796000000000000123"))
        #expect(AdminRequest(.statistics) == AdminRequest(method: "GET", target: "/order/statistics"))
        #expect(AdminRequest(.shopStatus) == AdminRequest(method: "GET", target: "/shop/status"))
        #expect(AdminRequest(.setShop(.open)) == AdminRequest(method: "PUT", target: "/shop/1"))
        #expect(AdminRequest(.setShop(.closed)) == AdminRequest(method: "PUT", target: "/shop/0"))
        #expect(AdminRequest(.businessData) == AdminRequest(method: "GET", target: "/workspace/businessData"))
    }

    @Test func theTokenGoesInTheTokenHeaderAndNeverInTheDescription() throws {
        let base = try AdminBaseURL(parsing: "http://127.0.0.1:8080/admin")
        let r = TransportRequest(AdminRequest(.perform(.accept, id: 7)), base: base, token: "eyJ.secret.sig")
        #expect(r.url == "http://127.0.0.1:8080/admin/order/confirm")
        #expect(r.header("token") == "eyJ.secret.sig")
        #expect(r.header("content-type") == "application/json")
        #expect(r.description == "PUT http://127.0.0.1:8080/admin/order/confirm")
        let noBody = TransportRequest(AdminRequest(.statistics), base: base, token: nil)
        #expect(noBody.header("token") == nil)
        #expect(noBody.header("content-type") == nil)
    }

    @Test func credentialsNeverShowTheirSecret() {
        let p = AdminCredentials.password(username: "admin", password: "123456")
        let t = AdminCredentials.token("eyJhbGciOiJIUzI1NiJ9.e30.sig")
        #expect("\(p)" == "user admin with a password")
        #expect(String(reflecting: p) == "user admin with a password")
        #expect("\(t)" == "a fixed token")
        #expect(!String(reflecting: t).contains("eyJ"))
    }
}
