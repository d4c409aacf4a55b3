import AdminAPI
import Foundation
import Testing

@Suite struct JWTExpiryTests {
    @Test func readsExpFromThePayloadWithoutVerifying() {
        let token = makeJWT(#"{"empId":1,"exp":1764500000}"#)
        #expect(JWTExpiry.expiry(ofToken: token) == Date(timeIntervalSince1970: 1_764_500_000))
        #expect(JWTExpiry.integerClaim("empId", ofToken: token) == 1)
    }

    @Test func base64URLCharactersAndMissingPaddingAreRead() {
        // This payload's base64url has '_' and '-' and needs padding ("…fQ==" unpadded).
        let token = makeJWT(#"{"exp":1764500001,"n":"???>>>"}"#)
        #expect(token.split(separator: ".")[1] == "eyJleHAiOjE3NjQ1MDAwMDEsIm4iOiI_Pz8-Pj4ifQ")
        #expect(JWTExpiry.expiry(ofToken: token) == Date(timeIntervalSince1970: 1_764_500_001))
    }

    @Test(arguments: ["", "abc", "a.b", "a.!!!.c", makeJWT("[1]"), makeJWT(#"{"empId":1}"#), makeJWT(#"{"exp":"soon"}"#)])
    func noExpiryWhenThereIsNoUsableExp(token: String) {
        #expect(JWTExpiry.expiry(ofToken: token) == nil)
    }

    @Test func renewsShortlyBeforeExpiry() {
        let policy = TokenPolicy(maxMargin: 30)
        let t0 = Date(timeIntervalSince1970: 1_000_000)
        let twoHours = t0.addingTimeInterval(7200)
        #expect(policy.renewalTime(obtained: t0, expiry: twoHours) == twoHours.addingTimeInterval(-30))
        #expect(!policy.shouldRenew(obtained: t0, expiry: twoHours, now: t0.addingTimeInterval(7169)))
        #expect(policy.shouldRenew(obtained: t0, expiry: twoHours, now: t0.addingTimeInterval(7170)))
        // A 3-second token is renewed a tenth of its life before it expires, not at once.
        let short = t0.addingTimeInterval(3)
        #expect(policy.renewalTime(obtained: t0, expiry: short) == t0.addingTimeInterval(2.7))
        #expect(!policy.shouldRenew(obtained: t0, expiry: short, now: t0.addingTimeInterval(1)))
        #expect(policy.shouldRenew(obtained: t0, expiry: short, now: t0.addingTimeInterval(2.8)))
        #expect(!policy.shouldRenew(obtained: t0, expiry: nil, now: t0.addingTimeInterval(1e9)))
    }
}
