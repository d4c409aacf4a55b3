/// What the client logs in with. Never printed: `description` masks the secret.
public enum AdminCredentials: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible {
    /// Username and password: the client logs in, and again when the token expires or is refused.
    case password(username: String, password: String)
    /// A token obtained elsewhere (`--token`, `SKYDASH_TOKEN`, `--token-file`): it cannot be renewed.
    case token(String)

    /// Whether the client can get a new token by itself.
    public var canLogIn: Bool {
        if case .password = self { return true }
        return false
    }

    public var description: String {
        switch self {
        case .password(let user, _): return "user \(user) with a password"
        case .token: return "a fixed token"
        }
    }

    public var debugDescription: String { description }
}
