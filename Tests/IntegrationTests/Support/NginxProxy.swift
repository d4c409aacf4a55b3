import Foundation
import TestSupport

/// nginx (Tests/peers/nginx.sh) in front of an upstream peer (ws_server.py unless told), with the test certificates
/// of Tests/peers/make_certs.sh, all in a temp dir. Call `stop()` (it stops both and removes the dir).
final class NginxProxy: @unchecked Sendable {
    static var nginxPath: String { ProcessInfo.processInfo.environment["NGINX"] ?? "/usr/sbin/nginx" }
    static var isInstalled: Bool { FileManager.default.isExecutableFile(atPath: nginxPath) }

    let dir: TempDir
    let upstream: PythonPeer
    let wsPort: Int
    let wssPort: Int

    /// The CA that signed the server certificate (SAN `DNS:localhost, IP:127.0.0.1`).
    var caFile: String { dir.path("ca.pem") }
    /// A CA unrelated to the server certificate.
    var otherCAFile: String { dir.path("other-ca.pem") }

    init(upstream script: String = "ws_server.py", upstreamArguments: [String] = []) throws {
        dir = try TempDir("skydash-nginx")
        var upstream: PythonPeer?
        do {
            try PeerScript.run("make_certs.sh", [dir.url.path])
            upstream = try PythonPeer(script, upstreamArguments)
            let out = try PeerScript.run("nginx.sh", ["start", dir.url.path, "\(upstream!.port)"], timeout: 30)
            func port(_ name: String) -> Int? {
                out.first { $0.hasPrefix(name + " ") }.flatMap { Int($0.dropFirst(name.count + 1)) }
            }
            guard let ws = port("WS_PORT"), let wss = port("WSS_PORT") else {
                throw PeerError("nginx.sh printed no ports: \(out)")
            }
            self.upstream = upstream!
            wsPort = ws
            wssPort = wss
        } catch {
            _ = try? PeerScript.run("nginx.sh", ["stop", dir.url.path])
            upstream?.stop()
            dir.remove()
            throw error
        }
    }

    func stop() {
        _ = try? PeerScript.run("nginx.sh", ["stop", dir.url.path])
        upstream.stop()
        dir.remove()
    }
}

/// A host name other than `localhost` that resolves only to 127.0.0.1 (the machine's own name, or
/// another `/etc/hosts` alias), or nil if there is none.
func loopbackAlias() -> String? {
    var candidates = [ProcessInfo.processInfo.hostName]
    if let hosts = try? String(contentsOfFile: "/etc/hosts", encoding: .utf8) {
        for line in hosts.split(separator: "\n") {
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            if fields.first == "127.0.0.1" { candidates += fields.dropFirst().map(String.init) }
        }
    }
    return candidates.first { name in
        guard name != "localhost", !name.hasPrefix("#"), name.contains(where: \.isLetter),
              name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == ".") }) else { return false }
        let addresses = resolve(name)
        return !addresses.isEmpty && addresses.allSatisfy { $0 == "127.0.0.1" }
    }
}

/// The numeric addresses `name` resolves to (IPv4 and IPv6).
private func resolve(_ name: String) -> [String] {
    var hints = addrinfo()
    hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
    var result: UnsafeMutablePointer<addrinfo>?
    guard getaddrinfo(name, nil, &hints, &result) == 0 else { return [] }
    defer { freeaddrinfo(result) }
    var out: [String] = []
    var p = result
    while let ai = p {
        var buf = [CChar](repeating: 0, count: Int(NI_MAXHOST))
        if getnameinfo(ai.pointee.ai_addr, ai.pointee.ai_addrlen, &buf, socklen_t(buf.count), nil, 0, NI_NUMERICHOST) == 0 {
            out.append(String(decoding: buf.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        p = ai.pointee.ai_next
    }
    return out
}
