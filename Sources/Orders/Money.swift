import Foundation

/// An amount of money as the backend wrote it (`38.00`), with its exact decimal value.
/// Never a binary float: the text is parsed digit by digit into a `Decimal`.
public struct Money: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// The amount's text exactly as the backend wrote it, e.g. `38.00`.
    public let text: String
    public let value: Decimal

    /// Parses a plain decimal number (`38`, `38.5`, `-0.01`; no exponent, at most 38 digits).
    public init?(text: String) {
        guard Money.isPlainDecimal(text), let v = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) else { return nil }
        self.text = text
        self.value = v
    }

    /// An amount with two decimals (`Money(cents: 3800)` is `38.00`).
    public init(cents: Int64) {
        let sign = cents < 0 ? "-" : ""
        let m = cents.magnitude
        let frac = m % 100
        self.init(text: sign + String(m / 100) + "." + (frac < 10 ? "0" : "") + String(frac))!
    }

    /// `¥38.00`.
    public var description: String { "¥" + text }

    static func isPlainDecimal(_ s: String) -> Bool {
        var digits = 0
        var seenDot = false
        for (i, c) in s.utf8.enumerated() {
            switch c {
            case UInt8(ascii: "-") where i == 0: continue
            case UInt8(ascii: "."):
                if seenDot || digits == 0 { return false }
                seenDot = true
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digits += 1
            default: return false
            }
        }
        return digits > 0 && digits <= 38 && s.utf8.last != UInt8(ascii: ".")
    }
}
