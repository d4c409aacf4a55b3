import Crypto
import Foundation
import Notifications

/// The admin API's JWTs, as the backend makes them: HS256, header `{"alg":"HS256"}`, claims
/// `{"empId":N,"exp":SECONDS}`, signed with a secret made at random when the server starts (so a
/// token of another run is forged here). Valid until `exp`, inclusive, like the backend's parser.
struct AdminTokens: Sendable {
    /// The secret's bytes (Crypto's `SymmetricKey` is not `Sendable`; one is made per use).
    private let secret: [UInt8]
    /// Seconds from issue to `exp` (`--token-ttl`; the backend's 2 h by default).
    let lifetime: Double

    init(lifetime: Double = 7200) {
        self.init(secret: SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }, lifetime: lifetime)
    }

    init(secret: [UInt8], lifetime: Double) {
        self.secret = secret
        self.lifetime = lifetime
    }

    private var key: SymmetricKey { SymmetricKey(data: secret) }

    /// A token for employee `employeeId`, issued `at`.
    func issue(employeeId: Int64, at date: Date) -> String {
        let exp = Int64((date.timeIntervalSince1970 + lifetime).rounded(.down))
        let header = Base64URL.encode(Array(#"{"alg":"HS256"}"#.utf8))
        let claims = JSONValue.object([("empId", .integer(employeeId)), ("exp", .integer(exp))]).text
        let signingInput = header + "." + Base64URL.encode(Array(claims.utf8))
        let mac = HMAC<SHA256>.authenticationCode(for: Array(signingInput.utf8), using: key)
        return signingInput + "." + Base64URL.encode(Array(mac))
    }

    /// The employee id of a valid token, or nil when it is malformed, not HS256, signed with
    /// another secret, has no `empId` or `exp`, or expired before `date`.
    func verify(_ token: String, at date: Date) -> Int64? {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3,
              let headerBytes = Base64URL.decode(parts[0]),
              let claimsBytes = Base64URL.decode(parts[1]),
              let signature = Base64URL.decode(parts[2]) else { return nil }
        let signingInput = Array(token.utf8.prefix(parts[0].utf8.count + 1 + parts[1].utf8.count))
        guard HMAC<SHA256>.isValidAuthenticationCode(signature, authenticating: signingInput, using: key) else { return nil }
        guard let header = try? JSONParser.parse(String(decoding: headerBytes, as: UTF8.self)),
              case .string("HS256")? = header["alg"],
              let claims = try? JSONParser.parse(String(decoding: claimsBytes, as: UTF8.self)),
              case .number(let idText, true)? = claims["empId"], let id = Int64(idText),
              case .number(let expText, true)? = claims["exp"], let exp = Int64(expText) else { return nil }
        guard date.timeIntervalSince1970 <= Double(exp) else { return nil }
        return id
    }
}
