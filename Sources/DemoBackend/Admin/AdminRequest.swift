import Foundation

/// One request to the admin API, as the router sees it: no sockets, so handlers can be tested
/// with values.
public struct AdminRequest: Sendable, Equatable {
    /// `GET`, `POST`, `PUT`…
    public var method: String
    /// The request target as sent (`/admin/order/conditionSearch?page=1`).
    public var target: String
    /// The path part of the target, without the query.
    public var path: String
    /// The query's parameters, percent-decoded (`+` is a space); the first of a repeated name.
    public var query: [String: String]
    /// Why the query could not be read (a bad percent escape), or nil.
    public var queryError: String?
    /// The `token` header (the JWT), or nil.
    public var token: String?
    public var body: [UInt8]

    public init(method: String, target: String, token: String? = nil, body: [UInt8] = []) {
        self.method = method
        self.target = target
        self.token = token
        self.body = body
        let q = target.firstIndex(of: "?")
        path = String(target[..<(q ?? target.endIndex)])
        query = [:]
        if let q {
            let text = target[target.index(after: q)...]
            for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
                let eq = pair.firstIndex(of: "=")
                let rawName = pair[..<(eq ?? pair.endIndex)]
                let rawValue = eq.map { pair[pair.index(after: $0)...] } ?? ""
                guard let name = Self.decoded(rawName), let value = Self.decoded(rawValue) else {
                    queryError = "the query parameter \(rawName) has a bad percent escape"
                    continue
                }
                if query[name] == nil { query[name] = value }
            }
        }
    }

    public init(method: String, target: String, token: String? = nil, body: String) {
        self.init(method: method, target: target, token: token, body: Array(body.utf8))
    }

    private static func decoded(_ s: Substring) -> String? {
        EndpointPath.percentDecoded(Substring(s.replacingOccurrences(of: "+", with: " ")))
    }
}
