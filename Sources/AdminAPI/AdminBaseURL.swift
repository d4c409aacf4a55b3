import WebSocketClient

/// Where the admin REST API is: `http[s]://HOST[:PORT]/PATH`, e.g. `http://127.0.0.1:8080/admin`
/// or, behind the usual nginx, `https://shop.example/api`.
public struct AdminBaseURL: Sendable, Equatable, CustomStringConvertible {
    public var secure: Bool
    /// Host without brackets (`::1` for `[::1]`).
    public var host: String
    public var port: Int
    /// The path before each endpoint, without a trailing slash (`/admin`, `/sky/admin`, or empty).
    public var path: String

    public init(secure: Bool, host: String, port: Int, path: String) {
        self.secure = secure
        self.host = host
        self.port = port
        self.path = path
    }

    /// `http://h:8080/admin`: the port only when it is not the scheme's default.
    public var description: String {
        let h = host.contains(":") ? "[\(host)]" : host
        let defaultPort = secure ? 443 : 80
        return "\(secure ? "https" : "http")://\(h)\(port == defaultPort ? "" : ":\(port)")\(path)"
    }

    /// The full URL of an endpoint path (`/order/details/7`, query included).
    public func url(for target: String) -> String { description + target }

    /// Parses `--api URL`: http or https, a host, an optional port and path; no query or fragment.
    public init(parsing text: String) throws(AdminConfigurationError) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let schemeEnd = trimmed.range(of: "://") else {
            throw AdminConfigurationError("--api '\(text)' is not an http:// or https:// URL")
        }
        let scheme = trimmed[..<schemeEnd.lowerBound].lowercased()
        guard scheme == "http" || scheme == "https" else {
            throw AdminConfigurationError("--api '\(text)': the admin API is http:// or https://, not \(scheme)://")
        }
        let rest = trimmed[schemeEnd.upperBound...]
        if rest.contains("?") || rest.contains("#") {
            throw AdminConfigurationError("--api '\(text)': no query or fragment, just the base (e.g. http://host:8080/admin)")
        }
        // Host and port are checked as for the WebSocket URL (same rules, same messages).
        let parsed: WebSocketURL
        do {
            parsed = try WebSocketURL(parsing: (scheme == "https" ? "wss://" : "ws://") + rest)
        } catch {
            throw AdminConfigurationError("--api '\(text)': \(error.message)")
        }
        let pathStart = rest.firstIndex(of: "/") ?? rest.endIndex
        var path = String(rest[pathStart...])
        while path.hasSuffix("/") { path.removeLast() }
        self.init(secure: parsed.secure, host: parsed.host, port: parsed.port, path: path)
    }

    /// The API base that goes with a WebSocket URL: ws→http, wss→https, same host and port, the
    /// path before its last `/ws` segment kept, then `/admin`
    /// (`ws://h:8080/ws/` → `http://h:8080/admin`, `wss://h/sky/ws/` → `https://h/sky/admin`).
    public static func derived(fromWebSocketURL text: String) throws(AdminConfigurationError) -> AdminBaseURL {
        let ws: WebSocketURL
        do {
            ws = try WebSocketURL(parsing: text)
        } catch {
            throw AdminConfigurationError("cannot derive the admin API from --url: \(error)")
        }
        let pathPart = ws.target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)[0]
        let segments = pathPart.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        guard let wsIndex = segments.lastIndex(of: "ws") else {
            throw AdminConfigurationError("cannot derive the admin API from \(text): its path has no /ws; give --api URL")
        }
        let prefix = segments[..<wsIndex].filter { !$0.isEmpty }.map { "/" + $0 }.joined()
        return AdminBaseURL(secure: ws.secure, host: ws.host, port: ws.port, path: prefix + "/admin")
    }
}

/// A bad `--api`, `--url` or credential setting: one line for the user.
public struct AdminConfigurationError: Error, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
