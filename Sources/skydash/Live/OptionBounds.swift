import ArgumentParser

/// Upper and lower bounds of the numeric options, checked in `validate()` so a value that would
/// overflow a time conversion at run time is a usage error (exit 64) naming the flag and its range.
enum OptionBounds {
    /// Seconds options (timeouts, intervals, delays): at most an hour; a day for the backoff cap.
    static let seconds: ClosedRange<Double> = 0.001...3600
    static let backoffCapSeconds: ClosedRange<Double> = 0.001...86_400
    static let maxMessageBytes: ClosedRange<Int> = 125...(1 << 30)
    static let demoRatePerMinute: ClosedRange<Double> = 0.01...6000
    static let tokenTTLSeconds: ClosedRange<Double> = 1...(30 * 86_400)
    static let replaySpeed: ClosedRange<Double> = 0.001...1_000_000
    static let page: ClosedRange<Int> = 1...1_000_000
    /// Rows the dashboard keeps (unacknowledged ones are kept over it): the memory target is set
    /// for 100,000.
    static let retainedOrders: ClosedRange<Int> = 1...100_000

    /// `--flag` within `range` (or exactly 0 when `zeroMeans` says what 0 does).
    static func check(_ value: Double, _ flag: String, _ range: ClosedRange<Double>, unit: String, zeroMeans: String? = nil) throws {
        if value == 0, zeroMeans != nil { return }
        guard value.isFinite, range.contains(value) else {
            let zero = zeroMeans.map { "0 (\($0)) or " } ?? ""
            throw ValidationError("--\(flag) must be \(zero)between \(text(range.lowerBound)) and \(text(range.upperBound)) \(unit), got \(text(value))")
        }
    }

    static func check(_ value: Int, _ flag: String, _ range: ClosedRange<Int>, unit: String = "") throws {
        guard range.contains(value) else {
            let u = unit.isEmpty ? "" : " " + unit
            throw ValidationError("--\(flag) must be between \(range.lowerBound) and \(range.upperBound)\(u), got \(value)")
        }
    }

    /// 3600, 0.5, 1e+10: short, and the way a person would type it.
    static func text(_ v: Double) -> String {
        if v.isFinite, v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
        return "\(v)"
    }
}
