import Foundation

/// Replaces known secret values inside any reported text (a failure reason, a close reason, a
/// server's answer that echoes the request), and redacts URLs. Built once from what the session
/// sends: the URL's userinfo and secret query values, and the values of secret headers.
public struct Redactor: Sendable, Equatable {
    /// Values shorter than this are not searched for: masking every "1" would mangle the text,
    /// and such a value is no secret worth the name.
    public static let shortestSecret = 4
    public private(set) var secrets: [String]

    public init(secrets: [String]) {
        // Longest first, so a secret containing another is masked whole.
        self.secrets = Array(Set(secrets.filter { $0.utf8.count >= Self.shortestSecret })).sorted { $0.utf8.count > $1.utf8.count }
    }

    /// The secrets of a URL and of its request headers (`isSecretHeader` decides which count).
    public init(url: String, headers: [(String, String)], secretHeaderNames: Set<String> = []) {
        let marked = Set(secretHeaderNames.map { $0.lowercased() })
        let headerValues = headers.filter { SecretNames.isSecret($0.0) || marked.contains($0.0.lowercased()) }.map(\.1)
        self.init(secrets: URLRedaction.secretValues(in: url) + headerValues)
    }

    /// `text` with each secret replaced by `***`.
    public func text(_ text: String) -> String {
        var s = text
        for secret in secrets where s.contains(secret) {
            s = s.replacingAll(secret, with: URLRedaction.mask)
        }
        return s
    }

    /// A URL with its secret parts masked, and any other known secret in it too.
    public func url(_ url: String) -> String {
        text(URLRedaction.redact(url))
    }
}

extension String {
    fileprivate func replacingAll(_ target: String, with replacement: String) -> String {
        var result = ""
        var rest = self[...]
        while let r = rest.range(of: target) {
            result += rest[..<r.lowerBound]
            result += replacement
            rest = rest[r.upperBound...]
        }
        return result + rest
    }
}
