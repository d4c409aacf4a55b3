import DemoBackend
import Foundation
import Testing

/// What `serve` prints about the admin API.
@Suite struct AdminLogLineTests {
    let f = DemoLogFormatter(timeZone: TimeZone(identifier: "UTC")!)
    /// 12:00:05 UTC.
    let at = Date(timeIntervalSince1970: 1_764_158_405)

    @Test func eachRequestIsOneLineWithItsStatusAndTheRefusal() {
        #expect(f.line(.api(method: "PUT", target: "/admin/order/confirm", status: 200, refusal: nil), at: at)
            == "12:00:05 api PUT /admin/order/confirm 200")
        #expect(f.line(.api(method: "PUT", target: "/admin/order/delivery/7", status: 200, refusal: "订单状态错误"), at: at)
            == "12:00:05 api PUT /admin/order/delivery/7 200 订单状态错误")
        #expect(f.line(.api(method: "GET", target: "/admin/x?\u{1B}[31m", status: 401, refusal: nil), at: at)
            == #"12:00:05 api GET /admin/x?\u{1B}[31m 401"#)
    }

    @Test func theStartLineGivesTheAPIBaseTheLoginAndTheTokenLifetime() {
        #expect(f.adminAPI(port: 8080, tokenTTL: 7200, at: at)
            == "12:00:05 admin API http://127.0.0.1:8080/admin · login admin / 123456 · tokens valid 7200 s")
        #expect(f.adminAPI(port: 1, tokenTTL: 1.5, at: at).hasSuffix("tokens valid 1.5 s"))
        #expect(DemoServer.apiBase(port: 4242) == "http://127.0.0.1:4242/admin")
    }
}
