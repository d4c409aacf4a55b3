import Foundation
import TestSupport
import Testing

/// `skydash login | orders | order … | shop | config`, the real binary against Tests/peers/admin_stub.py.
@Suite(.serialized) struct AdminCommandTests {
    /// A stub, a private config directory, and the environment every run gets (no user config,
    /// the demo password in SKYDASH_PASSWORD).
    final class Setup: @unchecked Sendable {
        let stub: AdminStub
        let dir: TempDir
        var environment: [String: String]
        /// Every line skydash printed in this test, to check that no token ever shows.
        private(set) var everything: [String] = []

        init(stubArguments: [String] = []) throws {
            stub = try AdminStub(stubArguments)
            dir = try TempDir("skydash-admin")
            environment = ["XDG_CONFIG_HOME": dir.path("config"), "HOME": dir.path("home"),
                           "SKYDASH_PASSWORD": "123456", "SKYDASH_TOKEN": ""]
        }

        /// `skydash ARGS… --api STUB [--user admin]`.
        func run(_ arguments: [String], user: Bool = true, api: Bool = true, timeout: Double = 20) throws -> Skydash.Finished {
            var args = arguments
            if api { args += ["--api", stub.api] }
            if user { args += ["--user", "admin"] }
            let r = try Skydash.run(args, environment: environment, timeout: timeout)
            everything += r.stdout + r.stderr
            return r
        }

        /// A JWT issued by the stub starts with the base64url of `{"alg":…`: `eyJ`.
        func expectNoTokenShown(sourceLocation: SourceLocation = #_sourceLocation) {
            for line in everything {
                #expect(!line.contains("eyJ"), "a token in the output: \(line)", sourceLocation: sourceLocation)
            }
        }

        deinit {
            stub.stop()
            dir.remove()
        }
    }

    @Test func loginPrintsWhoYouAreNeverTheToken() throws {
        let s = try Setup()
        let r = try s.run(["login"])
        #expect(r.status == 0)
        #expect(r.stdout == ["logged in: id 1, userName admin, name 管理员"])
        #expect(r.stderr == [])
        s.expectNoTokenShown()
    }

    @Test func ordersAsAnAlignedTable() throws {
        let s = try Setup()
        let r = try s.run(["orders"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.count == 7)   // header, 5 orders, summary
        #expect(r.stdout.first?.hasPrefix("ID   NUMBER         STATUS  AMOUNT  ORDER TIME        DISHES") == true)
        let row = try #require(r.stdout.first { $0.contains("1764500000101") })
        #expect(row == "101  1764500000101  待接单  ¥38.00  2026-11-30 11:41  宫保鸡丁×1 米饭×2")
        #expect(r.stdout.contains("104  1764500000104  已完成   ¥0.30  2026-11-30 11:44  可乐×1"))
        #expect(r.stdout.last == "page 1: 5 of 5 orders")
        s.expectNoTokenShown()
    }

    @Test func ordersAsJSONLinesKeepTheAmountsText() throws {
        let s = try Setup()
        let r = try s.run(["orders", "--status", "2", "--format", "jsonl"])
        #expect(r.status == 0)
        let objects = r.jsonLines
        #expect(objects.count == 1)
        let o = try #require(objects.first)
        #expect(o["id"] as? Int == 101)
        #expect(o["number"] as? String == "1764500000101")
        #expect(o["status"] as? Int == 2)
        #expect(o["statusText"] as? String == "待接单")
        #expect(o["amount"] as? String == "38.00")
        #expect(o["orderTime"] as? String == "2026-11-30 11:41")
        #expect((o["dishes"] as? [[String: Any]])?.map { $0["name"] as? String } == ["宫保鸡丁", "米饭"])
        let query = s.stub.events("request").first { $0["path"] as? String == "/admin/order/conditionSearch" }?["query"] as? String
        #expect(query == "page=1&pageSize=10&status=2")
    }

    @Test func pagingIsPassedOn() throws {
        let s = try Setup()
        let r = try s.run(["orders", "--page", "2", "--page-size", "2"])
        #expect(r.status == 0)
        #expect(r.stdout.last == "page 2: 2 of 5 orders")
        #expect(r.stdout.contains { $0.hasPrefix("103  ") })
    }

    @Test func orderShowGivesEveryFieldWithServerTextMadeSafe() throws {
        let s = try Setup()
        let r = try s.run(["order", "show", "101"])
        #expect(r.status == 0)
        let text = r.stdout.joined(separator: "\n")
        for needle in ["1764500000101", "待接单", "¥38.00", "¥2", "2026-11-30 12:30", "张先生", "13800000000",
                       "北京市海淀区中关村1号", "宫保鸡丁(微辣)×1  ¥32.00", "米饭×2  ¥2.00", "accept (接单)"] {
            #expect(text.contains(needle), "\(needle) missing from \(text)")
        }
        // The remark holds ESC [31m: shown as text, never sent raw to the terminal.
        #expect(text.contains(#"不要辣\u{1B}[31m多放葱"#))
        #expect(!text.contains("\u{1B}"))
        let cancelled = try s.run(["order", "show", "105"])
        #expect(cancelled.stdout.contains { $0.contains("取消原因") && $0.contains("客户电话取消") })
    }

    @Test func anOrderGoesThroughItsLifeAndARefusalExitsOne() throws {
        let s = try Setup()
        var r = try s.run(["order", "accept", "101"])
        #expect(r.status == 0)
        #expect(r.stdout == ["order 101: 接单 ok → 待派送"])
        r = try s.run(["order", "accept", "101"])
        #expect(r.status == 1)
        #expect(r.stdout == [])
        #expect(r.stderr == ["skydash: 订单状态错误"])
        r = try s.run(["order", "deliver", "101"])
        #expect(r.status == 0)
        #expect(r.stdout == ["order 101: 派送 ok → 派送中"])
        r = try s.run(["order", "complete", "101"])
        #expect(r.stdout == ["order 101: 完成 ok → 已完成"])
        r = try s.run(["order", "show", "101"])
        #expect(r.stdout.contains { $0.contains("已完成") })
        r = try s.run(["order", "show", "999"])
        #expect(r.status == 1)
        #expect(r.stderr == ["skydash: 订单不存在"])
        s.expectNoTokenShown()
    }

    @Test func rejectAndCancelSendTheirReason() throws {
        let s = try Setup()
        var r = try s.run(["order", "reject", "102", "--reason", "菜品已销售完，暂时无法接单"])
        #expect(r.status == 1)
        #expect(r.stderr == ["skydash: 订单状态错误"])
        r = try s.run(["order", "cancel", "102", "--reason", "骑手不足无法配送"])
        #expect(r.status == 0)
        #expect(r.stdout == ["order 102: 取消 ok → 已取消"])
        r = try s.run(["order", "reject", "101", "--reason", "餐厅已打烊，暂时无法接单"])
        #expect(r.status == 0)
        let actions = s.stub.events("action")
        #expect(actions.map { $0["reason"] as? String } == ["骑手不足无法配送", "餐厅已打烊，暂时无法接单"])
    }

    @Test func shopStatusOpenAndClose() throws {
        let s = try Setup()
        #expect(try s.run(["shop"]).stdout == ["shop: 营业中 (open)"])
        #expect(try s.run(["shop", "close"]).stdout == ["shop: 打烊中 (closed)"])
        #expect(try s.run(["shop", "status"]).stdout == ["shop: 打烊中 (closed)"])
        let r = try s.run(["shop", "open"])
        #expect(r.status == 0)
        #expect(r.stdout == ["shop: 营业中 (open)"])
    }

    @Test func badFlagsExit64() throws {
        let s = try Setup()
        for args in [["order", "accept", "abc"], ["orders", "--page-size", "0"], ["orders", "--status", "9"],
                     ["order", "reject", "101"], ["order", "cancel", "101", "--reason", " "], ["shop", "toggle"],
                     ["orders", "--format", "csv"]] {
            let r = try s.run(args)
            #expect(r.status == 64, "\(args): \(r.stderr)")
            #expect(r.stdout == [])
        }
        #expect(s.stub.events("request").isEmpty)
    }

    @Test func aPasswordFileReadableByOthersIsRefused() throws {
        let s = try Setup()
        s.environment["SKYDASH_PASSWORD"] = nil
        let file = try s.dir.write("password", "123456\n")
        chmod(file, 0o644)
        var r = try s.run(["login", "--password-file", file])
        #expect(r.status == 2)
        #expect(r.stderr == ["skydash: --password-file \(file) is accessible by group or others (mode 644); refusing to use it: run chmod 600 \(file)"])
        #expect(s.stub.events("request").isEmpty)
        chmod(file, 0o600)
        r = try s.run(["login", "--password-file", file])
        #expect(r.status == 0)
        r = try s.run(["login"])
        #expect(r.status == 2)
        #expect(r.stderr == ["skydash: no password for user admin: set SKYDASH_PASSWORD or give --password-file FILE"])
        let missing = s.dir.path("no-such-file")
        r = try s.run(["login", "--password-file", missing])
        #expect(r.status == 2)
        #expect(r.stderr == ["skydash: cannot read --password-file \(missing): No such file or directory"])
        let empty = try s.dir.write("empty", "\n")
        chmod(empty, 0o600)
        r = try s.run(["login", "--password-file", empty])
        #expect(r.status == 2)
        #expect(r.stderr == ["skydash: --password-file \(empty) is empty"])
    }

    @Test func aWrongPasswordExitsThree() throws {
        let s = try Setup()
        s.environment["SKYDASH_PASSWORD"] = "wrong-password-123"
        let r = try s.run(["orders"])
        #expect(r.status == 3)
        #expect(r.stderr == ["skydash: login failed: 密码错误"])
        #expect(!r.stderr.joined().contains("wrong-password-123"))
    }

    @Test func aRefusedFixedTokenExitsThreeAndSaysItCannotBeRenewed() throws {
        let s = try Setup()
        let token = "eyJhbGciOiJIUzI1NiJ9.eyJlbXBJZCI6MSwiZXhwIjoxfQ.forged"
        var r = try s.run(["shop", "--token", token], user: false)
        #expect(r.status == 3)
        #expect(r.stderr.first?.contains("a fixed token cannot be renewed") == true)
        s.environment["SKYDASH_TOKEN"] = token
        r = try s.run(["login"], user: false)
        #expect(r.status == 3)
        s.expectNoTokenShown()
        #expect(s.stub.events("login").isEmpty)
    }

    @Test func aTokenRevokedMidSessionIsReplacedAndTheRequestRetried() throws {
        let s = try Setup()
        try s.stub.control("revoke_next=1")
        let r = try s.run(["order", "accept", "101"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == ["order 101: 接单 ok → 待派送"])
        #expect(s.stub.events("login").count == 2)
        #expect(s.stub.events("request").map { $0["path"] as! String } == [
            "/admin/employee/login", "/admin/order/confirm", "/admin/employee/login", "/admin/order/confirm"])
    }

    @Test func aLoginThatStartsFailingExitsThree() throws {
        let s = try Setup()
        #expect(try s.run(["shop"]).status == 0)
        try s.stub.control("login=fail&msg=%E5%AF%86%E7%A0%81%E9%94%99%E8%AF%AF")   // 密码错误
        let r = try s.run(["shop"])
        #expect(r.status == 3)
        #expect(r.stderr == ["skydash: login failed: 密码错误"])
    }

    @Test func anHTTPErrorExitsFour() throws {
        let s = try Setup()
        try s.stub.control("status=500")
        let r = try s.run(["orders"])
        #expect(r.status == 4)
        #expect(r.stderr == ["skydash: the admin API answered HTTP 500"])
    }

    @Test func malformedJSONExitsFourNamingWhatWasWrong() throws {
        let s = try Setup()
        try s.stub.control("malformed=1")
        let r = try s.run(["orders"])
        #expect(r.status == 4)
        #expect(r.stderr == ["skydash: unexpected answer from the admin API: not JSON (unexpected end of input)"])
    }

    @Test func aSlowAnswerTimesOutAfterTenSeconds() throws {
        let s = try Setup()
        try s.stub.control("slow=14")
        let started = Date()
        let r = try s.run(["shop"], timeout: 25)
        let took = Date().timeIntervalSince(started)
        #expect(r.status == 4)
        #expect(r.stderr == ["skydash: cannot reach the admin API: no answer from \(s.stub.api)/shop/status within 10 s"])
        #expect(took > 9.5 && took < 14, "took \(took) s")
    }

    @Test func noServerExitsFour() throws {
        let s = try Setup()
        let r = try Skydash.run(["shop", "--api", "http://127.0.0.1:\(freePort())/admin", "--user", "admin"],
                                environment: s.environment)
        #expect(r.status == 4)
        #expect(r.stderr.first?.hasPrefix("skydash: cannot reach the admin API: ") == true)
    }

    @Test func theAPIIsDerivedFromTheWebSocketURL() throws {
        let s = try Setup()
        let r = try s.run(["shop", "--url", "ws://127.0.0.1:\(s.stub.port)/ws/"], api: false)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == ["shop: 营业中 (open)"])
        let none = try s.run(["shop"], api: false)
        #expect(none.status == 2)
        #expect(none.stderr == ["skydash: no admin API address: give --api URL or --url WS-URL (or api / url in the config file)"])
    }

    @Test func theConfigFileGivesDefaultsAndFlagsOverrideIt() throws {
        let s = try Setup()
        s.environment["SKYDASH_PASSWORD"] = nil
        let password = try s.dir.write("pw", "123456\n")
        chmod(password, 0o600)
        let config = try s.dir.writeConfig("""
            # defaults for the admin commands
            url = "ws://127.0.0.1:1/ws/"
            api = "\(s.stub.api)"
            user = "admin"
            password-file = "\(password)"
            format = "jsonl"
            """)
        var r = try s.run(["orders", "--status", "3"], user: false, api: false)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.jsonLines.map { $0["id"] as? Int } == [102])
        r = try s.run(["orders", "--status", "3", "--format", "text"], user: false, api: false)
        #expect(r.stdout.first?.hasPrefix("ID ") == true)
        // A flag wins over the file: this API does not exist.
        r = try s.run(["shop", "--api", "http://127.0.0.1:\(freePort())/admin"], user: false, api: false)
        #expect(r.status == 4)

        r = try s.run(["config"], user: false, api: false)
        #expect(r.status == 0)
        #expect(r.stdout.first == "config file: \(config)")
        #expect(r.stdout.contains("api           = \(s.stub.api)   (\(config):3)"))
        #expect(r.stdout.contains("user          = admin   (\(config):4)"))
        #expect(r.stdout.contains("password-file = \(password)   (\(config):5)"))
        s.environment["SKYDASH_TOKEN"] = "eyJsecret.token.value"
        r = try s.run(["config", "--token", "eyJflag.token.value"], user: false, api: false)
        #expect(r.stdout.contains { $0.hasPrefix("token") && $0.contains("********") && $0.contains("(--token)") })
        s.expectNoTokenShown()
    }

    @Test func aBadConfigFileNamesFileLineAndKey() throws {
        let s = try Setup()
        let config = try s.dir.writeConfig("user = \"admin\"\nhost = \"h\"\n")
        var r = try s.run(["shop"])
        #expect(r.status == 2)
        #expect(r.stderr.first?.hasPrefix("skydash: \(config):2: host: unknown key (allowed: url, api,") == true)
        try s.dir.writeConfig("api = \"http://h:99999/admin\"\n")
        r = try s.run(["shop"], api: false)
        #expect(r.status == 2)
        #expect(r.stderr == ["skydash: \(config):1: api: 'http://h:99999/admin': invalid port '99999' (expected 1–65535)"])
        try s.dir.writeConfig("password = \"123456\"\n")
        r = try s.run(["config"])
        #expect(r.status == 2)
        #expect(r.stderr.first?.contains("secrets do not belong in the config file") == true)
    }

    @Test func helpListsTheExitCodes() throws {
        for command in [["login"], ["orders"], ["order", "accept"], ["order", "reject"], ["shop"]] {
            let r = try Skydash.run(command + ["--help"])
            let text = r.stdout.joined(separator: " ")
            #expect(text.contains("Exit codes: 0 done; 1 refused by the backend"), "\(command)")
            #expect(text.contains("3 login failed or token refused"), "\(command)")
        }
    }
}
