import Foundation
import Notifications

/// A JWT's `exp` claim, read from its payload (the middle part, base64url) without verifying the
/// signature: the client only needs to know when to log in again. Pure.
public enum JWTExpiry {
    /// The expiry time, or nil when the token is not a JWT or has no numeric `exp`.
    public static func expiry(ofToken token: String) -> Date? {
        guard let payload = claims(ofToken: token), case .number(let t, _)? = payload["exp"],
              let seconds = Double(t), seconds.isFinite else { return nil }
        return Date(timeIntervalSince1970: seconds)
    }

    /// A whole-number claim of the payload (`empId`), or nil.
    public static func integerClaim(_ name: String, ofToken token: String) -> Int64? {
        guard let payload = claims(ofToken: token), case .number(let t, true)? = payload[name] else { return nil }
        return Int64(t)
    }

    static func claims(ofToken token: String) -> JSONValue? {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let bytes = base64URLDecoded(parts[1]),
              let text = String(validating: bytes, as: UTF8.self),
              let json = try? JSONParser.parse(text), case .object = json else { return nil }
        return json
    }

    /// RFC 4648 §5 base64url, padding optional.
    static func base64URLDecoded(_ s: Substring) -> [UInt8]? {
        var b64 = s.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while b64.count % 4 != 0 { b64.append("=") }
        return Data(base64Encoded: b64).map { [UInt8]($0) }
    }
}

/// When to log in again: shortly before the token's `exp` — a tenth of its lifetime before, at
/// most `maxMargin` seconds — so a request never goes out with a token about to expire. Pure.
public struct TokenPolicy: Sendable, Equatable {
    public var maxMargin: TimeInterval

    public init(maxMargin: TimeInterval = 30) {
        self.maxMargin = maxMargin
    }

    /// The time from which a token obtained at `obtained`, expiring at `expiry`, is renewed.
    public func renewalTime(obtained: Date, expiry: Date) -> Date {
        let lifetime = max(0, expiry.timeIntervalSince(obtained))
        return expiry.addingTimeInterval(-min(maxMargin, lifetime / 10))
    }

    /// Whether to log in before the next request. A token without `exp` is used until refused.
    public func shouldRenew(obtained: Date, expiry: Date?, now: Date) -> Bool {
        guard let expiry else { return false }
        return now >= renewalTime(obtained: obtained, expiry: expiry)
    }
}
