/// Removes credentials from a URL before it is shown: the userinfo part (`user:pass@`) and the
/// values of query parameters whose names suggest a secret (token, key, auth, secret, password,
/// signature, jwt, session…) become `***`.
public enum URLRedaction {
    static let secretWords = ["token", "key", "auth", "secret", "pass", "sig", "jwt", "session", "credential", "code"]

    public static func redact(_ url: String) -> String {
        var s = url
        // userinfo: scheme://userinfo@host
        if let schemeEnd = s.range(of: "://") {
            let afterScheme = s[schemeEnd.upperBound...]
            let authorityEnd = afterScheme.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? afterScheme.endIndex
            let authority = s[schemeEnd.upperBound..<authorityEnd]
            if let at = authority.lastIndex(of: "@") {
                s.replaceSubrange(schemeEnd.upperBound...at, with: "***@")
            }
        }
        // query parameters
        guard let q = s.firstIndex(of: "?") else { return s }
        let fragmentStart = s[q...].firstIndex(of: "#") ?? s.endIndex
        let query = s[s.index(after: q)..<fragmentStart]
        let parts = query.split(separator: "&", omittingEmptySubsequences: false).map { part -> String in
            guard let eq = part.firstIndex(of: "=") else { return String(part) }
            let name = part[..<eq].lowercased()
            if secretWords.contains(where: { name.contains($0) }) {
                return String(part[..<eq]) + "=***"
            }
            return String(part)
        }
        return String(s[...q]) + parts.joined(separator: "&") + String(s[fragmentStart...])
    }
}
