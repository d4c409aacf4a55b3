import Session

/// Everything an admin API call can end in besides success. `description` is the line the user
/// sees: server text in it is made terminal-safe, and it never contains a token or password.
public enum AdminAPIError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The backend refused by a business rule (`code: 0`): its own words, e.g. `订单状态错误`.
    case refused(String)
    /// Login was refused (`密码错误`, `账号不存在`, `账号被锁定`), in the backend's words.
    case loginFailed(String)
    /// HTTP 401: the token is missing, forged or expired, and could not be replaced.
    case unauthorized(Unauthorized)
    /// Another HTTP status than 200 (or 401).
    case http(Int)
    /// An answer that is not the `{"code","msg","data"}` the API promises; names what was wrong.
    case badAnswer(String)
    /// No answer: connection refused, timeout, TLS failure…
    case network(String)

    public enum Unauthorized: Sendable, Equatable {
        /// A token given by the user (no password to log in again with).
        case fixedToken
        /// Refused again right after a fresh login.
        case afterLogin
    }

    public var description: String {
        switch self {
        case .refused(let message):
            return LineEscaping.visible(message)
        case .loginFailed(let message):
            return "login failed: \(LineEscaping.visible(message))"
        case .unauthorized(.fixedToken):
            return "the backend refused the token (HTTP 401): it is expired or not valid, and a fixed token cannot be renewed; log in with --user and a password instead"
        case .unauthorized(.afterLogin):
            return "the backend refused a fresh token (HTTP 401) right after logging in"
        case .http(let status):
            return "the admin API answered HTTP \(status)"
        case .badAnswer(let what):
            return "unexpected answer from the admin API: \(LineEscaping.visible(what))"
        case .network(let reason):
            return "cannot reach the admin API: \(LineEscaping.visible(reason))"
        }
    }
}
