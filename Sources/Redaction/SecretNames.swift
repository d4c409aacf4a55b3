import Foundation

/// Which names (query parameters, request headers) hold secrets: case-insensitive, by substring,
/// so `access_token`, `X-Api-Key`, `Authorization`, `Cookie` and `sig` all count.
public enum SecretNames {
    public static let words = ["token", "key", "auth", "secret", "pass", "sign", "sig", "jwt", "session", "cookie", "credential", "code"]

    public static func isSecret(_ name: String) -> Bool {
        let lower = name.lowercased()
        return words.contains(where: { lower.contains($0) })
    }
}
