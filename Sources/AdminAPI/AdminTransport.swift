/// One HTTP exchange, the only thing `AdminClient` needs from the network. The real one is
/// `HTTPClientTransport` (AsyncHTTPClient); tests use a scripted one.
public protocol AdminTransport: Sendable {
    /// Sends the request; throws only `AdminAPIError.network` (no answer at all).
    func send(_ request: TransportRequest) async throws(AdminAPIError) -> TransportResponse
    func shutdown() async
}

/// A request ready for the wire. `description` never shows headers or body (token, password).
public struct TransportRequest: Sendable, Equatable, CustomStringConvertible {
    public var method: String
    public var url: String
    public var headers: [Header]
    public var body: String?

    public struct Header: Sendable, Equatable {
        public var name: String
        public var value: String
        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    public init(method: String, url: String, headers: [Header] = [], body: String? = nil) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }

    /// The request for `call` against `base`, with the token header when there is a token.
    public init(_ request: AdminRequest, base: AdminBaseURL, token: String?) {
        var headers: [Header] = [Header("Accept", "application/json")]
        if request.body != nil { headers.append(Header("Content-Type", "application/json")) }
        if let token { headers.append(Header("token", token)) }
        self.init(method: request.method, url: base.url(for: request.target), headers: headers, body: request.body)
    }

    public func header(_ name: String) -> String? {
        headers.last(where: { $0.name.lowercased() == name.lowercased() })?.value
    }

    public var description: String { "\(method) \(url)" }
}

public struct TransportResponse: Sendable, Equatable {
    public var status: Int
    public var body: [UInt8]
    public init(status: Int, body: [UInt8]) {
        self.status = status
        self.body = body
    }
}
