import Foundation
import Testing

/// The order commands against our own demo backend (`skydash serve`), as the README shows them.
@Suite struct OrderCommandsOnServeTests {
    @Test func theWholeLoopFromTheCommandLine() throws {
        let (serve, port) = try CatchUpTests.serve()
        defer { serve.stop() }
        serve.writeStdin("order 3001\norder 3002\n")
        #expect(serve.waitForLine { $0.contains("3002") } != nil)
        let env = ["SKYDASH_PASSWORD": "123456"]
        func run(_ args: [String]) throws -> (Int32?, [String], String) {
            let c = try ChildProcess(executable: Paths.skydash, arguments: args + ["--url", "ws://127.0.0.1:\(port)/ws/", "--user", "admin"],
                                     environment: env)
            c.closeStdin()
            let status = c.waitExit(timeout: 20)
            return (status, c.lines, c.stderr)
        }
        var r = try run(["login"])
        #expect(r.0 == 0 && r.1.joined().contains("管理员"), "\(r)")
        r = try run(["orders", "--status", "2", "--format", "jsonl"])
        #expect(r.0 == 0)
        let ids = ChildProcess.jsonObjects(r.1).compactMap { $0["id"] as? Int }
        #expect(Set(ids).isSuperset(of: [3001, 3002]))
        #expect(ChildProcess.jsonObjects(r.1).allSatisfy { ($0["amount"] as? String)?.contains(".") == true })
        #expect(try run(["order", "accept", "3001"]).0 == 0)
        #expect(try run(["order", "deliver", "3001"]).0 == 0)
        #expect(try run(["order", "complete", "3001"]).0 == 0)
        r = try run(["order", "accept", "3001"])
        #expect(r.0 == 1 && r.2.contains("订单状态错误"))
        #expect(try run(["order", "reject", "3002", "--reason", "菜品已销售完，暂时无法接单"]).0 == 0)
        r = try run(["order", "show", "3002"])
        #expect(r.0 == 0 && r.1.joined().contains("已取消") && r.1.joined().contains("菜品已销售完"))
        #expect(try run(["shop", "close"]).0 == 0)
        r = try run(["shop", "status"])
        #expect(r.0 == 0 && r.1.joined().contains("打烊中"))
        r = try run(["order", "show", "999999"])
        #expect(r.0 == 1 && r.2.contains("订单不存在"))
    }
}
