import DemoBackend
import Foundation
import NIOCore
import NIOPosix
import Notifications
import TestSupport
import Testing

/// The admin API on the demo server's port, over real loopback HTTP/1.1 (a raw socket), beside the
/// WebSocket.
@Suite struct AdminLoopbackTests {
    static let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)

    /// A quiet server (no traffic, no ticker) unless `configure` says otherwise.
    static func withServer(_ configure: (inout DemoConfiguration) -> Void = { _ in },
                           _ body: (DemoServer, Int, Recorder<DemoServerEvent>) throws -> Void) throws {
        var config = DemoConfiguration(seed: 7, ratePerMinute: 0, ticker: false, port: 0)
        config.closeTimeout = 0.5
        configure(&config)
        let events = Recorder<DemoServerEvent>()
        let server = DemoServer(configuration: config, group: group) { events.record($0) }
        let port = try server.startFuture().wait()
        defer { try? server.stopFuture().wait() }
        try body(server, port, events)
    }

    struct Answer {
        var head: String
        var body: String
        var status: Int { Int(head.split(separator: " ").dropFirst().first ?? "") ?? 0 }
        func header(_ name: String) -> String? {
            for line in head.split(separator: "\r\n").dropFirst() {
                let parts = line.split(separator: ":", maxSplits: 1)
                if parts.count == 2, parts[0].lowercased() == name.lowercased() { return parts[1].trimmingCharacters(in: .whitespaces) }
            }
            return nil
        }
    }

    /// One request on `socket`; the answer read by its Content-Length.
    static func send(_ socket: RawSocket, _ method: String, _ target: String, token: String? = nil, body: String? = nil) throws -> Answer {
        var text = "\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        if let token { text += "token: \(token)\r\n" }
        if let body { text += "Content-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n" }
        socket.write(text + "\r\n" + (body ?? ""))
        let head = try #require(socket.readHead())
        let length = Int(Answer(head: head, body: "").header("Content-Length") ?? "") ?? 0
        let bytes = try #require(socket.read(count: length))
        return Answer(head: head, body: String(decoding: bytes, as: UTF8.self))
    }

    @Test func loginThenAnOrdersDetailsOnOneKeptAliveConnection() throws {
        try Self.withServer { server, port, events in
            let pushed = try server.pushOrder(id: 77, content: nil).wait()
            let socket = try RawSocket(port: port)
            let login = try Self.send(socket, "POST", "/admin/employee/login", body: #"{"username":"admin","password":"123456"}"#)
            #expect(login.head.hasPrefix("HTTP/1.1 200 OK"))
            #expect(login.header("Content-Type") == "application/json;charset=UTF-8")
            guard case .string(let token)? = try JSONParser.parse(login.body)["data"]?["token"] else {
                Issue.record("no token in \(login.body)"); return
            }

            let details = try Self.send(socket, "GET", "/admin/order/details/77", token: token)
            #expect(details.status == 200)
            let data = try #require(try JSONParser.parse(details.body)["data"])
            #expect(data["id"] == .number(token: "77", isInteger: true))
            #expect(data["status"] == .number(token: "2", isInteger: true))
            guard case .string(let number)? = data["number"] else { Issue.record("no number"); return }
            #expect(pushed.text == #"{"orderId":77,"type":1,"content":"订单号: "# + number + #""}"#)
            #expect(events.waitFor { $0 == .api(method: "GET", target: "/admin/order/details/77", status: 200, refusal: nil) } != nil)

            // A refused action is logged with the service's words.
            let deliver = try Self.send(socket, "PUT", "/admin/order/delivery/77", token: token)
            #expect(deliver.body == #"{"code":0,"msg":"订单状态错误","data":null}"#)
            #expect(events.waitFor { $0 == .api(method: "PUT", target: "/admin/order/delivery/77", status: 200, refusal: "订单状态错误") } != nil)
        }
    }

    @Test func aMissingForgedOrExpiredTokenIs401WithAnEmptyBodyOnTheWire() throws {
        try Self.withServer({ $0.tokenTTL = 1 }) { server, port, _ in
            let token = server.issueToken()
            let socket = try RawSocket(port: port)
            #expect(try Self.send(socket, "GET", "/admin/order/statistics", token: token).status == 200)
            for bad in [nil, "forged.token.here", String(token.dropLast(2)) + "xx"] {
                let r = try Self.send(socket, "GET", "/admin/order/statistics", token: bad)
                #expect(r.head.hasPrefix("HTTP/1.1 401 Unauthorized"), "\(r.head)")
                #expect(r.header("Content-Length") == "0")
                #expect(r.body.isEmpty)
            }
            Thread.sleep(forTimeInterval: 2.1)
            let expired = try Self.send(socket, "GET", "/admin/order/statistics", token: token)
            #expect(expired.status == 401)
            #expect(expired.body.isEmpty)
        }
    }

    @Test func aMalformedJSONBodyIs400AndTheConnectionStaysUsable() throws {
        try Self.withServer { server, port, _ in
            let token = server.issueToken()
            let socket = try RawSocket(port: port)
            let r = try Self.send(socket, "PUT", "/admin/order/confirm", token: token, body: #"{"id":"#)
            #expect(r.head.hasPrefix("HTTP/1.1 400 Bad Request"))
            let error = try JSONParser.parse(r.body)
            #expect(error["status"] == .number(token: "400", isInteger: true))
            #expect(error["path"] == .string("/admin/order/confirm"))
            #expect(try Self.send(socket, "GET", "/admin/shop/status", token: token).body == #"{"code":1,"msg":null,"data":1}"#)
        }
    }

    @Test func theWebSocketAndTheFallbackStillAnswerBesideTheAPI() throws {
        try Self.withServer { _, port, _ in
            let socket = try RawSocket(port: port)
            #expect(try Self.send(socket, "GET", "/admin/shop/status").status == 401)
            let ws = try RawSocket(port: port)
            #expect(ws.handshake(path: "/ws/abc")?.hasPrefix("HTTP/1.1 101 Switching Protocols") == true)
            let other = try RawSocket(port: port)
            other.write("GET /elsewhere HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            let page = other.readToEnd()
            #expect(page.hasPrefix("HTTP/1.1 404 Not Found"))
            #expect(page.contains("/admin"))
        }
    }

    /// The traffic's own new order: pushed on the WebSocket as the backend does, then fetched by
    /// its id.
    @Test func aNewOrderPushedOnTheWebSocketCanBeFetchedByItsId() throws {
        try Self.withServer({ config in
            config.ratePerMinute = 6
            config.traffic.oddProbability = 0
            config.traffic.firstOrderDelay = 0.1...0.2
        }) { server, port, _ in
            let probe = try ClientProbe(port: port)
            defer { probe.shutdown() }
            let text = try #require(probe.waitText { $0.contains(#""type":1"#) })
            let message = try JSONParser.parse(text)
            guard case .number(let idText, true)? = message["orderId"], case .string(let content)? = message["content"] else {
                Issue.record("not an order: \(text)"); return
            }
            #expect(text == #"{"orderId":"# + idText + #","type":1,"content":""# + content + #""}"#, "key order of the backend")
            let socket = try RawSocket(port: port)
            let details = try Self.send(socket, "GET", "/admin/order/details/" + idText, token: server.issueToken())
            let data = try #require(try JSONParser.parse(details.body)["data"])
            #expect(data["status"] == .number(token: "2", isInteger: true))
            #expect(data["payStatus"] == .number(token: "1", isInteger: true))
            guard case .string(let number)? = data["number"], case .array(let lines)? = data["orderDetailList"] else {
                Issue.record("details: \(details.body)"); return
            }
            #expect(content == "订单号: " + number)
            #expect(!lines.isEmpty)
        }
    }

    /// Reminders come for an accepted order, and stop once it is out for delivery.
    @Test(arguments: [false, true])
    func simulatedRemindersOnlyForOrdersNotYetDelivered(deliver: Bool) throws {
        try Self.withServer({ config in
            config.ratePerMinute = 0.001
            config.traffic.oddProbability = 0
            config.traffic.firstOrderDelay = 0.1...0.1
            config.traffic.reminderProbability = 1
            config.traffic.repeatReminderProbability = 1
            config.traffic.reminderDelay = 1.5...1.5
        }) { server, port, events in
            let probe = try ClientProbe(port: port)
            defer { probe.shutdown() }
            #expect(probe.waitText { $0.contains(#""orderId":1001,"type":1"#) } != nil)
            let token = server.issueToken()
            let accept = try server.admin(AdminRequest(method: "PUT", target: "/admin/order/confirm", token: token, body: #"{"id":1001}"#)).wait()
            #expect(accept.body == #"{"code":1,"msg":null,"data":null}"#)
            if deliver {
                let sent = try server.admin(AdminRequest(method: "PUT", target: "/admin/order/delivery/1001", token: token)).wait()
                #expect(sent.body == #"{"code":1,"msg":null,"data":null}"#)
            }
            let reminder = events.waitFor(timeout: 2.5) {
                if case .pushed(let text, _, .traffic) = $0 { text.contains(#""orderId":1001,"type":2"#) } else { false }
            }
            #expect((reminder != nil) == !deliver)
        }
    }
}
