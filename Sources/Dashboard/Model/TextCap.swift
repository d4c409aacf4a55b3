import Foundation

/// Limits on how much untrusted text is kept in memory.
public enum TextCap {
    /// Longest text kept per message or order content, in Unicode scalars.
    public static let maxScalars = 4096

    /// Caps `text` to `maxScalars`, noting how much was cut.
    public static func cap(_ text: String, max: Int = maxScalars) -> String {
        let scalars = text.unicodeScalars
        guard scalars.count > max else { return text }
        var v = String.UnicodeScalarView()
        v.append(contentsOf: scalars.prefix(max))
        return String(v) + " …[\(scalars.count - max) more chars]"
    }
}
