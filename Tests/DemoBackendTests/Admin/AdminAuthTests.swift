import Foundation
import Notifications
import Testing
@testable import DemoBackend

/// Login, logout and the token check in front of every other route.
@Suite struct AdminAuthTests {
    typealias F = AdminFixtures

    @Test func loginWithTheDemoAccountAnswersTheEmployeeAndAValidToken() throws {
        var backend = F.backend()
        let r = backend.handle(F.request("POST", "/admin/employee/login", token: nil, body: #"{"username":"admin","password":"123456"}"#), at: F.noon)
        #expect(r.status == 200)
        #expect(r.body.hasPrefix(#"{"code":1,"msg":null,"data":{"id":1,"userName":"admin","name":"管理员","token":""#))
        let token = try #require(F.string(try F.envelope(r).data["token"]))
        #expect(backend.tokens.verify(token, at: F.noon) == 1)
        // The token opens the other routes.
        let shop = backend.handle(F.request("GET", "/admin/shop/status", token: token), at: F.noon)
        #expect(shop.body == #"{"code":1,"msg":null,"data":1}"#)
    }

    @Test(arguments: [
        (#"{"username":"admin","password":"654321"}"#, "密码错误"),
        (#"{"username":"admin"}"#, "密码错误"),
        (#"{"username":"nobody","password":"123456"}"#, "账号不存在"),
        (#"{"password":"123456"}"#, "账号不存在"),
        (#"{"username":"locked","password":"123456"}"#, "账号被锁定"),
    ])
    func aRefusedLoginSaysWhyInTheEnvelope(body: String, message: String) {
        var backend = F.backend()
        let r = backend.handle(F.request("POST", "/admin/employee/login", token: nil, body: body), at: F.noon)
        #expect(r.status == 200)
        #expect(r.body == #"{"code":0,"msg":""# + message + #"","data":null}"#)
    }

    @Test(arguments: ["{\"username\":\"admin\",", "", "[1,2]", "{\"username\":[1]}"])
    func aLoginBodyThatIsNotTheRightJSONIs400(body: String) throws {
        var backend = F.backend()
        let r = backend.handle(F.request("POST", "/admin/employee/login", token: nil, body: body), at: F.noon)
        #expect(r.status == 400)
        let error = try JSONParser.parse(r.body)
        #expect(F.int(error["status"]) == 400)
        #expect(F.string(error["error"]) == "Bad Request")
        #expect(F.string(error["path"]) == "/admin/employee/login")
        #expect(F.string(error["message"])?.isEmpty == false)
    }

    /// Every route but login, called without a token, with a forged one, with an expired one.
    static let protectedRoutes: [(String, String)] = [
        ("POST", "/admin/employee/logout"),
        ("GET", "/admin/order/conditionSearch?page=1&pageSize=10"),
        ("GET", "/admin/order/details/1001"),
        ("GET", "/admin/order/statistics"),
        ("PUT", "/admin/order/confirm"),
        ("PUT", "/admin/order/rejection"),
        ("PUT", "/admin/order/cancel"),
        ("PUT", "/admin/order/delivery/1001"),
        ("PUT", "/admin/order/complete/1001"),
        ("GET", "/admin/shop/status"),
        ("PUT", "/admin/shop/1"),
        ("GET", "/admin/workspace/businessData"),
        ("GET", "/admin/workspace/overviewOrders"),
    ]

    @Test func everyRouteButLoginNeedsAToken() {
        let protected = AdminRoutes.all.filter(\.needsToken).count
        #expect(protected == Self.protectedRoutes.count)
        #expect(AdminRoutes.all.count == protected + 1)
    }

    @Test(arguments: protectedRoutes)
    func missingForgedOrExpiredTokenIs401WithAnEmptyBody(method: String, target: String) {
        var backend = F.backend(ttl: 1, orders: [F.order(1001)])
        let body = #"{"id":1001,"rejectionReason":"x","cancelReason":"y"}"#
        let other = AdminTokens(lifetime: 1).issue(employeeId: 1, at: F.noon)
        let valid = F.token(backend)
        var tampered = Array(valid)
        let dot = tampered.lastIndex(of: ".")!
        tampered[dot + 1] = tampered[dot + 1] == "A" ? "B" : "A"
        for token in [nil, "", "garbage", other, String(tampered), valid] {
            let late = token == valid ? F.noon.addingTimeInterval(2) : F.noon
            let r = backend.handle(F.request(method, target, token: token, body: body), at: late)
            #expect(r == AdminResponse(status: 401, body: ""), "token \(token ?? "none")")
        }
        // The same token a second earlier is accepted.
        let ok = backend.handle(F.request(method, target, token: valid, body: body), at: F.noon.addingTimeInterval(0.5))
        #expect(ok.status == 200)
    }

    @Test func theTokenIsHS256WithEmpIdAndExp() throws {
        let backend = F.backend(ttl: 7200)
        let parts = F.token(backend).split(separator: ".")
        #expect(parts.count == 3)
        #expect(Base64URL.decode(parts[0]).map { String(decoding: $0, as: UTF8.self) } == #"{"alg":"HS256"}"#)
        #expect(Base64URL.decode(parts[1]).map { String(decoding: $0, as: UTF8.self) } == #"{"empId":1,"exp":1764133200}"#)
        #expect(Base64URL.decode(parts[2])?.count == 32)
    }

    @Test func aTokenWithAlgNoneOrWithoutClaimsIsRefused() {
        let backend = F.backend()
        let unsigned = Base64URL.encode(Array(#"{"alg":"none"}"#.utf8)) + "." + Base64URL.encode(Array(#"{"empId":1,"exp":9999999999}"#.utf8)) + "."
        #expect(backend.tokens.verify(unsigned, at: F.noon) == nil)
        #expect(backend.tokens.verify("a.b", at: F.noon) == nil)
        #expect(backend.tokens.verify("a.b.c.d", at: F.noon) == nil)
        #expect(backend.tokens.verify("!!.??.**", at: F.noon) == nil)
    }

    @Test func logoutAnswersSuccessAndTheTokenStaysValidLikeTheBackend() {
        var backend = F.backend()
        let token = F.token(backend)
        let r = backend.handle(F.request("POST", "/admin/employee/logout", token: token), at: F.noon)
        #expect(r.body == #"{"code":1,"msg":null,"data":null}"#)
        #expect(backend.tokens.verify(token, at: F.noon) == 1)
    }

    @Test func unknownPathIs404AndWrongMethodIs405EvenWithoutAToken() throws {
        var backend = F.backend()
        let missing = backend.handle(F.request("GET", "/admin/nothing/here", token: nil), at: F.noon)
        #expect(missing.status == 404)
        #expect(F.string(try JSONParser.parse(missing.body)["path"]) == "/admin/nothing/here")
        let wrong = backend.handle(F.request("DELETE", "/admin/order/statistics", token: nil), at: F.noon)
        #expect(wrong.status == 405)
        #expect(F.string(try JSONParser.parse(wrong.body)["error"]) == "Method Not Allowed")
    }
}
