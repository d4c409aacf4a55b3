import Foundation

extension Format {
    /// A waiting order's age as its row shows it: `3m`, `1h05`, `2d03`, whole units rounded down.
    public static func age(_ seconds: TimeInterval) -> String {
        let s = max(0, Int(seconds.rounded(.down)))
        if s < 3600 { return "\(s / 60)m" }
        if s < 86400 { return "\(s / 3600)h\(two(s % 3600 / 60))" }
        return "\(s / 86400)d\(two(s % 86400 / 3600))"
    }
}
