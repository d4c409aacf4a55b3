import Notifications

/// An answer of the admin API: HTTP status and body (JSON, or empty for 401).
public struct AdminResponse: Sendable, Equatable {
    public var status: Int
    public var body: String

    public init(status: Int, body: String) {
        self.status = status
        self.body = body
    }

    /// The service's envelope for a success: HTTP 200 `{"code":1,"msg":null,"data":…}`.
    static func success(_ data: JSONValue) -> AdminResponse {
        AdminResponse(status: 200, body: JSONValue.object([("code", .integer(1)), ("msg", .null), ("data", data)]).text)
    }

    /// A refused business rule: HTTP 200 `{"code":0,"msg":"订单状态错误","data":null}`.
    static func refused(_ message: String) -> AdminResponse {
        AdminResponse(status: 200, body: JSONValue.object([("code", .integer(0)), ("msg", .string(message)), ("data", .null)]).text)
    }

    /// A missing, forged or expired token: HTTP 401 with an empty body, as the backend's
    /// interceptor answers.
    static let unauthorized = AdminResponse(status: 401, body: "")

    /// An error the web framework answers before the service runs (400 malformed JSON or
    /// parameter, 404, 405), in Spring Boot's error JSON.
    static func frameworkError(status: Int, message: String, path: String, timestamp: String) -> AdminResponse {
        AdminResponse(status: status, body: JSONValue.object([
            ("timestamp", .string(timestamp)),
            ("status", .integer(status)),
            ("error", .string(reasonPhrase(status))),
            ("message", .string(message)),
            ("path", .string(path)),
        ]).text)
    }

    static func reasonPhrase(_ status: Int) -> String {
        switch status {
        case 200: "OK"
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 413: "Payload Too Large"
        default: "Error"
        }
    }
}
