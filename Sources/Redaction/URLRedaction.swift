import Foundation

/// Removes credentials from a URL before it is reported: the userinfo part (`user:pass@`) and the
/// values of query parameters whose names suggest a secret (see `SecretNames`) become `***`.
/// The URL that goes on the wire is never touched; only what is shown, printed or saved.
public enum URLRedaction {
    public static let mask = "***"

    public static func redact(_ url: String) -> String {
        var s = url
        // userinfo: scheme://userinfo@host
        if let schemeEnd = s.range(of: "://") {
            let afterScheme = s[schemeEnd.upperBound...]
            let authorityEnd = afterScheme.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? afterScheme.endIndex
            let authority = s[schemeEnd.upperBound..<authorityEnd]
            if let at = authority.lastIndex(of: "@") {
                s.replaceSubrange(schemeEnd.upperBound...at, with: mask + "@")
            }
        }
        // query parameters
        guard let q = s.firstIndex(of: "?") else { return s }
        let fragmentStart = s[q...].firstIndex(of: "#") ?? s.endIndex
        let query = s[s.index(after: q)..<fragmentStart]
        let parts = query.split(separator: "&", omittingEmptySubsequences: false).map { part -> String in
            guard let eq = part.firstIndex(of: "=") else { return String(part) }
            if SecretNames.isSecret(String(part[..<eq])) {
                return String(part[..<eq]) + "=" + mask
            }
            return String(part)
        }
        return String(s[...q]) + parts.joined(separator: "&") + String(s[fragmentStart...])
    }

    /// The secret values a URL carries (userinfo, secret-named query values), for `Redactor`.
    public static func secretValues(in url: String) -> [String] {
        var values: [String] = []
        if let schemeEnd = url.range(of: "://") {
            let afterScheme = url[schemeEnd.upperBound...]
            let authorityEnd = afterScheme.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? afterScheme.endIndex
            let authority = url[schemeEnd.upperBound..<authorityEnd]
            if let at = authority.lastIndex(of: "@") { values.append(String(authority[..<at])) }
        }
        guard let q = url.firstIndex(of: "?") else { return values }
        let fragmentStart = url[q...].firstIndex(of: "#") ?? url.endIndex
        for part in url[url.index(after: q)..<fragmentStart].split(separator: "&") {
            guard let eq = part.firstIndex(of: "=") else { continue }
            if SecretNames.isSecret(String(part[..<eq])) { values.append(String(part[part.index(after: eq)...])) }
        }
        return values
    }
}
