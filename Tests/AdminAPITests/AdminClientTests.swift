import AdminAPI
import Foundation
import Orders
import Testing

@Suite struct AdminClientTests {
    let config = AdminAPIConfiguration(base: testBase)
    let password = AdminCredentials.password(username: "admin", password: "123456")

    @Test func logsInOnceThenSendsTheTokenHeader() async throws {
        let token = makeJWT(#"{"empId":1,"exp":4102444800}"#)
        let transport = ScriptedTransport { r in
            switch r.url {
            case "http://t/admin/employee/login": return loginAnswer(token: token)
            case "http://t/admin/order/statistics": return ok(#"{"toBeConfirmed":2,"confirmed":1,"deliveryInProgress":0}"#)
            default: return ok("1")
            }
        }
        let client = AdminClient(configuration: config, credentials: password, transport: transport)
        let stats = try await client.statistics()
        #expect(stats == OrderStatistics(toBeConfirmed: 2, confirmed: 1, deliveryInProgress: 0))
        #expect(try await client.shopStatus() == .open)
        #expect(await transport.targets == ["POST /employee/login", "GET /order/statistics", "GET /shop/status"])
        let sent = await transport.sent
        #expect(sent[0].header("token") == nil)
        #expect(sent[0].body == #"{"username":"admin","password":"123456"}"#)
        #expect(sent[1].header("token") == token)
        #expect(sent[2].header("token") == token)
        #expect(await client.employee == Employee(id: 1, userName: "admin", name: "管理员"))
    }

    @Test func a401LogsInAgainAndRetriesTheRequestOnce() async throws {
        let tokens = Tokens()
        let transport = ScriptedTransport { r in
            if r.url.hasSuffix("/employee/login") { return loginAnswer(token: tokens.next()) }
            // The first token is revoked mid-session.
            return r.header("token") == "t1" ? unauthorized : ok("null")
        }
        let client = AdminClient(configuration: config, credentials: password, transport: transport)
        try await client.perform(.accept, id: 7)
        #expect(await transport.targets == ["POST /employee/login", "PUT /order/confirm", "POST /employee/login", "PUT /order/confirm"])
        #expect(await transport.sent.last?.header("token") == "t2")
    }

    @Test func a401AfterAFreshLoginIsFinal() async throws {
        let transport = ScriptedTransport { r in
            r.url.hasSuffix("/employee/login") ? loginAnswer(token: "t") : unauthorized
        }
        let client = AdminClient(configuration: config, credentials: password, transport: transport)
        await #expect(throws: AdminAPIError.unauthorized(.afterLogin)) { try await client.details(id: 7) }
        #expect(await transport.sent.count == 4)   // login, details, login, details: retried once only
    }

    @Test func aFixedTokenIsNeverRenewedAndA401SaysSo() async throws {
        let token = makeJWT(#"{"empId":3,"exp":1}"#)   // long expired
        let transport = ScriptedTransport { _ in unauthorized }
        let client = AdminClient(configuration: config, credentials: .token(token), transport: transport)
        let e = await #expect(throws: AdminAPIError.unauthorized(.fixedToken)) { try await client.shopStatus() }
        #expect(await transport.targets == ["GET /shop/status"])
        #expect(e?.description.contains("a fixed token cannot be renewed") == true)
        #expect(await client.tokenEmployeeId == 3)
        await #expect(throws: AdminAPIError.unauthorized(.fixedToken)) { try await client.login() }
    }

    @Test func aRefusedLoginIsLoginFailedInTheBackendsWords() async throws {
        let transport = ScriptedTransport { _ in refused("密码错误") }
        let client = AdminClient(configuration: config, credentials: password, transport: transport)
        let e = await #expect(throws: AdminAPIError.loginFailed("密码错误")) { try await client.login() }
        #expect(e?.description == "login failed: 密码错误")
    }

    @Test func aLoginThatStartsFailingAfterA401IsLoginFailed() async throws {
        let logins = Tokens()
        let transport = ScriptedTransport { r in
            if r.url.hasSuffix("/employee/login") {
                return logins.next() == "t1" ? loginAnswer(token: "t1") : refused("账号被锁定")
            }
            return unauthorized
        }
        let client = AdminClient(configuration: config, credentials: password, transport: transport)
        await #expect(throws: AdminAPIError.loginFailed("账号被锁定")) { try await client.statistics() }
    }

    @Test func aBusinessRefusalIsNotRetried() async throws {
        let transport = ScriptedTransport { r in
            r.url.hasSuffix("/employee/login") ? loginAnswer(token: "t") : refused("订单状态错误")
        }
        let client = AdminClient(configuration: config, credentials: password, transport: transport)
        await #expect(throws: AdminAPIError.refused("订单状态错误")) { try await client.perform(.deliver, id: 7) }
        #expect(await transport.targets == ["POST /employee/login", "PUT /order/delivery/7"])
    }

    @Test func networkAndHTTPErrorsPassThroughWithoutALogin() async throws {
        let transport = ScriptedTransport { _ throws(AdminAPIError) in throw .network("connection refused") }
        let client = AdminClient(configuration: config, credentials: .token("t"), transport: transport)
        await #expect(throws: AdminAPIError.network("connection refused")) { try await client.shopStatus() }
        await transport.setAnswer { _ in TransportResponse(status: 500, body: Array("oops".utf8)) }
        await #expect(throws: AdminAPIError.http(500)) { try await client.shopStatus() }
    }

    @Test func logsInAgainShortlyBeforeTheTokenExpires() async throws {
        let clock = TestClock(Date(timeIntervalSince1970: 1_000_000))
        let issued = Tokens()
        let transport = ScriptedTransport { r in
            if r.url.hasSuffix("/employee/login") {
                let n = issued.next()
                return loginAnswer(token: makeJWT(#"{"empId":1,"exp":\#(1_000_000 + 100 * Int(n.dropFirst())!),"n":"\#(n)"}"#))
            }
            return ok("0")
        }
        let client = AdminClient(configuration: config, credentials: password, transport: transport, now: { clock.now })
        _ = try await client.shopStatus()        // login t1, valid until +100 s, renewed from +90 s
        clock.advance(85)
        _ = try await client.shopStatus()        // still t1
        clock.advance(6)
        _ = try await client.shopStatus()        // +91 s: a new login first (t2)
        #expect(await transport.targets == ["POST /employee/login", "GET /shop/status", "GET /shop/status",
                                             "POST /employee/login", "GET /shop/status"])
    }

    @Test func concurrentCallsShareOneLogin() async throws {
        let transport = ScriptedTransport { r in
            r.url.hasSuffix("/employee/login") ? loginAnswer(token: "t") : ok("1")
        }
        let client = AdminClient(configuration: config, credentials: password, transport: transport)
        try await withThrowingTaskGroup(of: ShopStatus.self) { group in
            for _ in 0..<5 { group.addTask { try await client.shopStatus() } }
            for try await s in group { #expect(s == .open) }
        }
        #expect(await transport.targets.filter { $0 == "POST /employee/login" }.count == 1)
    }

    @Test func anAnswerOfTheWrongShapeNamesWhatWasWrong() async throws {
        let transport = ScriptedTransport { _ in ok(#"{"id":7,"number":"1","status":"x"}"#) }
        let client = AdminClient(configuration: config, credentials: .token("t"), transport: transport)
        await #expect(throws: AdminAPIError.badAnswer("order 7: status is not a whole number: x")) { try await client.details(id: 7) }
        await transport.setAnswer { _ in ok(#"{"id":1,"userName":"admin","name":"x"}"#) }
        let withPassword = AdminClient(configuration: config, credentials: password, transport: transport)
        await #expect(throws: AdminAPIError.badAnswer("the login answer: no token")) { try await withPassword.login() }
    }

    @Test func logoutSendsTheTokenThenForgetsIt() async throws {
        let transport = ScriptedTransport { r in
            r.url.hasSuffix("/employee/login") ? loginAnswer(token: "t1") : ok(r.url.hasSuffix("/logout") ? "null" : "1")
        }
        let client = AdminClient(configuration: config, credentials: password, transport: transport)
        try await client.logout()   // never logged in: nothing to do
        #expect(await transport.sent.isEmpty)
        try await client.login()
        try await client.logout()
        #expect(await transport.targets == ["POST /employee/login", "POST /employee/logout"])
        #expect(await transport.sent.last?.header("token") == "t1")
        _ = try await client.shopStatus()   // logs in again
        #expect(await transport.targets.suffix(2) == ["POST /employee/login", "GET /shop/status"])
        await client.shutdown()
        #expect(await transport.shutDown)
    }

    @Test func noErrorDescriptionEverContainsTheToken() async throws {
        let secret = makeJWT(#"{"empId":1,"exp":4102444800,"s":"SECRET-PART"}"#)
        var descriptions: [String] = []
        let answers: [TransportResponse] = [unauthorized, TransportResponse(status: 500, body: Array(secret.utf8)),
                                            ok("[]"), refused("订单不存在")]
        for answer in answers {
            let transport = ScriptedTransport { _ in answer }
            let client = AdminClient(configuration: config, credentials: .token(secret), transport: transport)
            do { _ = try await client.details(id: 1) } catch { descriptions.append(error.description); descriptions.append("\(error)") }
        }
        #expect(descriptions.count == 8)
        for d in descriptions {
            #expect(!d.contains(secret) && !d.contains("SECRET"), "\(d)")
        }
    }
}

/// t1, t2, t3… across calls.
final class Tokens: @unchecked Sendable {
    private let lock = NSLock()
    private var n = 0
    func next() -> String { lock.withLock { n += 1; return "t\(n)" } }
}
