import Foundation

/// Tests/peers/admin_stub.py: the admin REST API on 127.0.0.1, with faults set over `/control`.
final class AdminStub: @unchecked Sendable {
    let peer: PythonPeer
    var port: Int { peer.port }
    var api: String { "http://127.0.0.1:\(port)/admin" }

    init(_ arguments: [String] = []) throws {
        peer = try PythonPeer("admin_stub.py", arguments)
    }

    /// `GET /control?QUERY` (e.g. `status=500`), waiting for its `ok`.
    func control(_ query: String) throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = UInt16(port).bigEndian
        let rc = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        guard rc == 0 else { throw PeerError("cannot connect to admin_stub.py on port \(port)") }
        let request = Array("GET /control?\(query) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".utf8)
        _ = request.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, 0) }
        var answer = [UInt8](repeating: 0, count: 4096)
        var got: [UInt8] = []
        while true {
            let n = recv(fd, &answer, answer.count, 0)
            if n <= 0 { break }
            got += answer[0..<n]
        }
        guard String(decoding: got, as: UTF8.self).hasSuffix("ok") else { throw PeerError("control \(query) failed") }
    }

    /// The stub's log lines of one event kind (`request`, `login`, `action`).
    func events(_ name: String) -> [[String: Any]] { peer.child.jsonLines.filter { $0.event == name } }

    func stop() { peer.stop() }
}

extension Skydash {
    /// Runs `skydash ARGS…` with extra environment variables.
    static func run(_ arguments: [String], environment: [String: String], timeout: Double = 20) throws -> Finished {
        let child = try ChildProcess(executable: Paths.skydash, arguments: arguments, environment: environment)
        child.closeStdin()
        let status = child.waitExit(timeout: timeout)
        return Finished(status: status, stdout: child.lines, stderr: child.stderrLines)
    }
}
