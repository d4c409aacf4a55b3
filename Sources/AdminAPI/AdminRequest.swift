import Foundation
import Orders
import Session

/// An HTTP request of the admin API, before any socket: method, target (path and query, relative to
/// the base) and JSON body. Pure, so what is sent can be tested. `description` leaves out the body
/// (a login body holds the password).
public struct AdminRequest: Sendable, Equatable, CustomStringConvertible {
    public var method: String
    /// `/order/conditionSearch?page=1&pageSize=10`, percent-encoded.
    public var target: String
    /// The JSON body, for POST and PUT with one.
    public var body: String?

    public init(method: String, target: String, body: String? = nil) {
        self.method = method
        self.target = target
        self.body = body
    }

    public var description: String { "\(method) \(target)" }

    public init(_ call: AdminCall) {
        switch call {
        case .login(let user, let password):
            self.init(method: "POST", target: "/employee/login",
                      body: JSONObjectText.make([("username", .text(user)), ("password", .text(password))]))
        case .logout:
            self.init(method: "POST", target: "/employee/logout")
        case .conditionSearch(let q):
            var items: [(String, String)] = [("page", String(q.page)), ("pageSize", String(q.pageSize))]
            if let s = q.status { items.append(("status", String(s))) }
            if let n = q.number { items.append(("number", n)) }
            if let p = q.phone { items.append(("phone", p)) }
            if let b = q.beginTime { items.append(("beginTime", b)) }
            if let e = q.endTime { items.append(("endTime", e)) }
            self.init(method: "GET", target: "/order/conditionSearch?" + Self.query(items))
        case .details(let id):
            self.init(method: "GET", target: "/order/details/\(id)")
        case .statistics:
            self.init(method: "GET", target: "/order/statistics")
        case .perform(let action, let id):
            switch action {
            case .accept:
                self.init(method: "PUT", target: "/order/confirm", body: JSONObjectText.make([("id", .number(id))]))
            case .reject(let reason):
                self.init(method: "PUT", target: "/order/rejection",
                          body: JSONObjectText.make([("id", .number(id)), ("rejectionReason", .text(reason))]))
            case .cancel(let reason):
                self.init(method: "PUT", target: "/order/cancel",
                          body: JSONObjectText.make([("id", .number(id)), ("cancelReason", .text(reason))]))
            case .deliver:
                self.init(method: "PUT", target: "/order/delivery/\(id)")
            case .complete:
                self.init(method: "PUT", target: "/order/complete/\(id)")
            }
        case .shopStatus:
            self.init(method: "GET", target: "/shop/status")
        case .setShop(let status):
            self.init(method: "PUT", target: "/shop/\(status.code)")
        case .businessData:
            self.init(method: "GET", target: "/workspace/businessData")
        }
    }

    /// `a=1&b=x%20y`: names and values percent-encoded (RFC 3986 unreserved characters kept).
    static func query(_ items: [(String, String)]) -> String {
        items.map { "\(percentEncoded($0.0))=\(percentEncoded($0.1))" }.joined(separator: "&")
    }

    static func percentEncoded(_ s: String) -> String {
        let allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")
        return s.addingPercentEncoding(withAllowedCharacters: allowed) ?? s
    }
}

/// A flat JSON object written in the given key order.
enum JSONObjectText {
    enum Value {
        case text(String)
        case number(Int64)
    }

    static func make(_ members: [(String, Value)]) -> String {
        let parts = members.map { key, value -> String in
            switch value {
            case .text(let s): return LineEscaping.jsonString(key) + ":" + LineEscaping.jsonString(s)
            case .number(let n): return LineEscaping.jsonString(key) + ":" + String(n)
            }
        }
        return "{" + parts.joined(separator: ",") + "}"
    }
}
