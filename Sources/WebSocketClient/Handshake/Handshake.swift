import Foundation
import Redaction

/// The opening handshake of RFC 6455 §4.1, as plain values: what the client sends, and the checks
/// it makes on the server's answer. No sockets here.
public enum Handshake {
    public static let guid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"

    /// A fresh `Sec-WebSocket-Key`: 16 random bytes, base64.
    public static func makeKey<G: RandomNumberGenerator>(using rng: inout G) -> String {
        let bytes = (0..<16).map { _ in UInt8.random(in: .min ... .max, using: &rng) }
        return Data(bytes).base64EncodedString()
    }

    /// The `Sec-WebSocket-Accept` a server must answer for `key`.
    public static func acceptValue(forKey key: String) -> String {
        Data(SHA1.digest(Array((key + guid).utf8))).base64EncodedString()
    }

    /// The request head's header fields for one attempt, in sending order. `Upgrade` and
    /// `Connection` are included; `extraHeaders` (e.g. `token`) come last and may not override the
    /// handshake's own fields.
    public static func requestHeaders(url: WebSocketURL, key: String, origin: String?, extraHeaders: [(String, String)]) -> [(String, String)] {
        var headers: [(String, String)] = [
            ("Host", url.hostHeader),
            ("Upgrade", "websocket"),
            ("Connection", "Upgrade"),
            ("Sec-WebSocket-Key", key),
            ("Sec-WebSocket-Version", "13"),
        ]
        if let origin { headers.append(("Origin", origin)) }
        let reserved: Set<String> = ["host", "upgrade", "connection", "sec-websocket-key", "sec-websocket-version", "sec-websocket-extensions", "content-length"]
        for (name, value) in extraHeaders where !reserved.contains(name.lowercased()) {
            headers.append((name, value))
        }
        return headers
    }

    /// The subprotocols a request asks for in its `Sec-WebSocket-Protocol` fields.
    public static func requestedSubprotocols(in headers: [(String, String)]) -> [String] {
        headers.filter { $0.0.lowercased() == "sec-websocket-protocol" }
            .flatMap { $0.1.split(separator: ",") }
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
    }

    /// Checks the server's answer. Returns nil when the upgrade may proceed.
    public static func validate(status: Int, reasonPhrase: String, headers: [(String, String)], key: String,
                                requestedSubprotocols: [String] = []) -> HandshakeFailure? {
        func values(_ name: String) -> [String] {
            headers.filter { $0.0.lowercased() == name }.map { $0.1 }
        }
        guard status == 101 else {
            if (300..<400).contains(status) { return .redirect(code: status, location: values("location").first) }
            return .unexpectedStatus(code: status, reason: reasonPhrase)
        }
        let upgrade = values("upgrade").flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        guard upgrade.contains("websocket") else {
            return .missingHeader("Upgrade: websocket", got: values("upgrade").first)
        }
        let connection = values("connection").flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        guard connection.contains("upgrade") else {
            return .missingHeader("Connection: Upgrade", got: values("connection").first)
        }
        let accept = values("sec-websocket-accept")
        let expected = acceptValue(forKey: key)
        guard accept.count == 1, accept[0].trimmingCharacters(in: .whitespaces) == expected else {
            return .badAccept(expected: expected, got: accept.first)
        }
        // We offer no extensions: a server that picks one breaks the contract (every field counts).
        if let ext = values("sec-websocket-extensions").map({ $0.trimmingCharacters(in: .whitespaces) }).first(where: { !$0.isEmpty }) {
            return .unrequestedExtension(ext)
        }
        // A subprotocol only if asked for, and exactly one of those asked for.
        let chosen = values("sec-websocket-protocol").flatMap { $0.split(separator: ",") }
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        if !chosen.isEmpty, chosen.count > 1 || !requestedSubprotocols.contains(chosen[0]) {
            return .unrequestedSubprotocol(chosen.joined(separator: ", "))
        }
        return nil
    }
}

/// Why an opening handshake failed.
public enum HandshakeFailure: Error, Equatable, Sendable, CustomStringConvertible {
    case unexpectedStatus(code: Int, reason: String)
    /// A 3xx answer: a WebSocket client does not follow it (it could send the token elsewhere).
    case redirect(code: Int, location: String?)
    case missingHeader(String, got: String?)
    case badAccept(expected: String, got: String?)
    case unrequestedExtension(String)
    case unrequestedSubprotocol(String)
    case connectionClosed
    case timedOut(seconds: Double)

    public var description: String {
        switch self {
        case .unexpectedStatus(let code, let reason):
            return "handshake refused: HTTP \(code) \(reason)".trimmingCharacters(in: .whitespaces)
        case .redirect(let code, let location):
            guard let location, !location.isEmpty else {
                return "handshake refused: HTTP \(code) redirect without a Location; check the URL"
            }
            return "handshake refused: HTTP \(code) redirect to \(URLRedaction.redact(location)) (not followed: use that URL if you trust it)"
        case .missingHeader(let want, let got):
            return "handshake invalid: expected \(want), got \(got.map { "'\($0)'" } ?? "none")"
        case .badAccept(let expected, let got):
            return "handshake invalid: Sec-WebSocket-Accept is \(got.map { "'\($0)'" } ?? "missing"), expected '\(expected)'"
        case .unrequestedExtension(let ext):
            return "handshake invalid: server chose extension '\(ext)' that was not offered"
        case .unrequestedSubprotocol(let p):
            return "handshake invalid: server chose subprotocol '\(p)' that was not requested"
        case .connectionClosed:
            return "connection closed during the handshake"
        case .timedOut(let s):
            return "handshake timed out after \(s.formatted3)s"
        }
    }

    /// A refusal that retrying will not fix: a 3xx redirect, a 4xx other than 408 (timeout) and
    /// 429 (rate limit).
    public var isFatal: Bool {
        switch self {
        case .redirect: return true
        case .unexpectedStatus(let code, _): return (400..<500).contains(code) && code != 408 && code != 429
        default: return false
        }
    }
}

extension Double {
    /// Up to 3 decimals, without trailing zeros: 0.5, 1, 2.25.
    public var formatted3: String {
        var s = String(format: "%.3f", self)
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
        return s
    }
}
