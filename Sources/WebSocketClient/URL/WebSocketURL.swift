import Foundation

/// A parsed `ws://` or `wss://` URL.
///
/// The path may carry a client-id placeholder (`{sid}`, or a path ending in `/ws` or `/ws/`, which
/// the take-out backend expects to be followed by a client id). `resolved(clientId:)` fills it in;
/// a new id is drawn for every connection attempt unless the user fixed one (see `ClientIdPolicy`).
public struct WebSocketURL: Sendable, Equatable, CustomStringConvertible {
    public var secure: Bool
    /// Host without brackets (`::1` for `[::1]`).
    public var host: String
    public var port: Int
    /// Path and query, always starting with `/`. May contain `{sid}`.
    public var target: String

    public static let sidPlaceholder = "{sid}"

    public init(secure: Bool, host: String, port: Int, target: String) {
        self.secure = secure
        self.host = host
        self.port = port
        self.target = target
    }

    public var isIPv6Literal: Bool { host.contains(":") }
    public var isIPLiteral: Bool {
        if isIPv6Literal { return true }
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts.allSatisfy { p in !p.isEmpty && p.count <= 3 && p.allSatisfy(\.isASCII) && p.allSatisfy(\.isNumber) }
    }
    public var defaultPort: Int { secure ? 443 : 80 }

    /// The value of the `Host` header: host, bracketed if IPv6, with the port unless it is the default.
    public var hostHeader: String {
        let h = isIPv6Literal ? "[\(host)]" : host
        return port == defaultPort ? h : "\(h):\(port)"
    }

    /// Whether a client id must be filled in before connecting.
    public var needsClientId: Bool { target.contains(Self.sidPlaceholder) }

    /// The URL with its client-id placeholder replaced.
    public func resolved(clientId: String) -> WebSocketURL {
        var copy = self
        copy.target = target.replacingOccurrences(of: Self.sidPlaceholder, with: clientId)
        return copy
    }

    public var description: String {
        "\(secure ? "wss" : "ws")://\(hostHeader)\(target)"
    }

    /// Parses a URL. A path that ends in `/ws` or `/ws/` gets `{sid}` appended, so each attempt
    /// can carry a client id as the backend's `/ws/{sid}` endpoint expects.
    public init(parsing text: String) throws(WebSocketURLError) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw .init("empty URL") }
        guard let schemeEnd = trimmed.range(of: "://") else {
            throw .init("'\(text)' is not a WebSocket URL: expected ws://HOST[:PORT]/PATH or wss://…")
        }
        let scheme = trimmed[..<schemeEnd.lowerBound].lowercased()
        switch scheme {
        case "ws": secure = false
        case "wss": secure = true
        case "http", "https":
            throw .init("scheme '\(scheme)' is not WebSocket: use \(scheme == "https" ? "wss" : "ws")://")
        default: throw .init("unsupported scheme '\(scheme)': use ws:// or wss://")
        }
        var rest = trimmed[schemeEnd.upperBound...]
        if let hash = rest.firstIndex(of: "#") {
            throw .init("a WebSocket URL cannot have a fragment ('\(rest[hash...])')")
        }
        let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" }) ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        rest = rest[authorityEnd...]
        if authority.contains("@") { throw .init("user info in the URL is not supported; use --header or --token") }
        guard !authority.isEmpty else { throw .init("missing host in '\(text)'") }
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { throw .init("unclosed '[' in IPv6 host '\(authority)'") }
            host = String(authority[authority.index(after: authority.startIndex)..<close])
            guard !host.isEmpty, host.allSatisfy({ $0.isHexDigit || $0 == ":" || $0 == "." || $0 == "%" }), host.contains(":") else {
                throw .init("invalid IPv6 address '[\(host)]'")
            }
            let after = authority[authority.index(after: close)...]
            if after.isEmpty {
                port = secure ? 443 : 80
            } else if after.hasPrefix(":") {
                port = try Self.parsePort(after.dropFirst())
            } else {
                throw .init("unexpected '\(after)' after IPv6 host")
            }
        } else {
            let parts = authority.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count <= 2 else { throw .init("invalid host '\(authority)' (IPv6 addresses need brackets: ws://[::1]:8080/)") }
            host = String(parts[0])
            guard !host.isEmpty else { throw .init("missing host in '\(text)'") }
            guard host.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "." || $0 == "_") }) else {
                throw .init("invalid host name '\(host)'")
            }
            port = parts.count == 2 ? try Self.parsePort(parts[1]) : (secure ? 443 : 80)
        }
        var target = rest.isEmpty ? "/" : String(rest)
        if target.hasPrefix("?") { target = "/" + target }
        if target.contains(where: { $0 == " " || $0.asciiValue.map { $0 < 0x20 || $0 == 0x7F } == true }) {
            throw .init("the path contains spaces or control characters; percent-encode them")
        }
        let pathPart = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)[0]
        if !target.contains(Self.sidPlaceholder) && (pathPart.hasSuffix("/ws") || pathPart.hasSuffix("/ws/")) {
            let query = target.dropFirst(pathPart.count)
            target = (pathPart.hasSuffix("/") ? String(pathPart) : pathPart + "/") + Self.sidPlaceholder + query
        }
        self.target = target
    }

    private static func parsePort(_ s: Substring) throws(WebSocketURLError) -> Int {
        guard !s.isEmpty, s.allSatisfy({ $0.isASCII && $0.isNumber }), let p = Int(s), (1...65535).contains(p) else {
            throw .init("invalid port '\(s)' (expected 1–65535)")
        }
        return p
    }
}

public struct WebSocketURLError: Error, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { "bad URL: \(message)" }
}

/// How a connection attempt picks its client id.
public enum ClientIdPolicy: Sendable, Equatable {
    /// A fresh random id per attempt. The backend keeps one session per sid and removes the sid when
    /// *a* session with it closes: reusing an id would let the stale session's late close remove the
    /// new session from the broadcast map, silently muting it.
    case freshPerAttempt
    /// The user's id, on every attempt.
    case fixed(String)

    public func clientId<G: RandomNumberGenerator>(using rng: inout G) -> String {
        switch self {
        case .fixed(let id): return id
        case .freshPerAttempt: return Self.randomId(using: &rng)
        }
    }

    /// A random base-36 id like the browser demo's `Math.random().toString(36).substr(2)`.
    public static func randomId<G: RandomNumberGenerator>(length: Int = 11, using rng: inout G) -> String {
        let alphabet = Array("0123456789abcdefghijklmnopqrstuvwxyz")
        return String((0..<length).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &rng)] })
    }
}

