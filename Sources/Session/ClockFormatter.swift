import Foundation

/// Local wall-clock text of instants in one time zone, rounded to the millisecond, written as
/// digits straight into a byte buffer. The calendar work (the local date and the UTC offset) is
/// done once per span of time in which both stay the same — a local day, cut at a daylight-saving
/// transition — and cached; every other instant in the span costs a few divisions.
///
/// Instants are clamped to the years 1…9999; a non-finite one reads as the epoch.
/// Thread-safe (the cached span and the last ISO text are behind a lock).
package final class ClockFormatter: @unchecked Sendable {
    package let timeZone: TimeZone
    private let lock = NSLock()
    private var span = Span(lo: 1, hi: 0, localSecondsAtLo: 0, year: 1970, month: 1, day: 1, offsetSeconds: 0)
    /// The last ISO text made, and the millisecond it is for.
    private var lastISO: (ms: Int64, text: Digits) = (.min, Digits())

    /// UTC whole seconds [lo, hi) sharing one local date and one offset.
    private struct Span {
        var lo, hi: Int64
        var localSecondsAtLo: Int64   // local seconds since midnight at `lo`
        var year, month, day: Int
        var offsetSeconds: Int
    }

    /// An instant as local wall-clock parts.
    package struct Parts: Equatable {
        package var year, month, day, hour, minute, second, millisecond: Int
        package var offsetSeconds: Int
    }

    package init(timeZone: TimeZone) {
        self.timeZone = timeZone
    }

    /// The instant rounded to the millisecond, clamped (see above): all the text depends on.
    private static func milliseconds(_ date: Date) -> Int64 {
        var t = date.timeIntervalSince1970
        if !t.isFinite { t = 0 }
        t = min(max(t, -62_135_596_800), 253_402_300_799.999)   // 0001-01-01 … 9999-12-31 UTC
        return Int64((t * 1000).rounded())
    }

    package func parts(_ date: Date) -> Parts {
        let totalMs = Self.milliseconds(date)
        let whole = Self.floorDiv(totalMs, 1000)
        let ms = Int(totalMs - whole * 1000)
        lock.lock()
        if !(span.lo <= whole && whole < span.hi) { span = makeSpan(containing: whole) }
        let s = span
        lock.unlock()
        let secondOfDay = Int(s.localSecondsAtLo + (whole - s.lo))
        return Parts(year: s.year, month: s.month, day: s.day,
                     hour: secondOfDay / 3600, minute: secondOfDay / 60 % 60, second: secondOfDay % 60,
                     millisecond: ms, offsetSeconds: s.offsetSeconds)
    }

    /// `2026-11-26T11:00:05.000+08:00` (29 bytes).
    package func appendISO(_ date: Date, to out: inout [UInt8]) {
        // The events of one burst share their millisecond (those of one socket read their
        // instant): the last text made is kept and copied while the millisecond is the same.
        let ms = Self.milliseconds(date)
        lock.lock()
        let last = lastISO
        lock.unlock()
        if last.ms == ms {
            last.text.append(to: &out)
            return
        }
        let p = parts(date)
        var w = Digits()
        w.put(p.year, 4); w.put(0x2D)
        w.put(p.month, 2); w.put(0x2D)
        w.put(p.day, 2); w.put(0x54)  // T
        Self.clock(p, milliseconds: true, into: &w)
        let off = abs(p.offsetSeconds) / 60
        w.put(p.offsetSeconds < 0 ? 0x2D : 0x2B)
        w.put(off / 60, 2); w.put(0x3A)
        w.put(off % 60, 2)
        lock.lock()
        lastISO = (ms, w)
        lock.unlock()
        w.append(to: &out)
    }

    /// `11:00:05.000`, or `11:00:05` without milliseconds (the second of the rounded instant).
    package func appendClock(_ date: Date, milliseconds: Bool, to out: inout [UInt8]) {
        appendClock(parts(date), milliseconds: milliseconds, to: &out)
    }

    package func iso(_ date: Date) -> String { text { appendISO(date, to: &$0) } }

    package func clock(_ date: Date, milliseconds: Bool) -> String {
        text { appendClock(date, milliseconds: milliseconds, to: &$0) }
    }

    private func text(_ write: (inout [UInt8]) -> Void) -> String {
        var out = [UInt8]()
        out.reserveCapacity(32)
        write(&out)
        return String(decoding: out, as: UTF8.self)
    }

    private func appendClock(_ p: Parts, milliseconds: Bool, to out: inout [UInt8]) {
        var w = Digits()
        Self.clock(p, milliseconds: milliseconds, into: &w)
        w.append(to: &out)
    }

    private static func clock(_ p: Parts, milliseconds: Bool, into w: inout Digits) {
        w.put(p.hour, 2); w.put(0x3A)
        w.put(p.minute, 2); w.put(0x3A)
        w.put(p.second, 2)
        if milliseconds { w.put(0x2E); w.put(p.millisecond, 3) }
    }

    /// Up to 32 bytes of a time written in place, then appended to the output at once.
    private struct Digits {
        private var bytes: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        private var count = 0

        /// `n` (0 ≤ n < 10^width) as exactly `width` decimal digits.
        mutating func put(_ n: Int, _ width: Int) {
            let start = count
            withUnsafeMutableBytes(of: &bytes) { b in
                var v = n
                var k = start + width - 1
                while k >= start {
                    b[k] = 0x30 + UInt8(truncatingIfNeeded: v % 10)
                    v /= 10
                    k -= 1
                }
            }
            count += width
        }

        mutating func put(_ byte: UInt8) {
            let at = count
            withUnsafeMutableBytes(of: &bytes) { $0[at] = byte }
            count += 1
        }

        func append(to out: inout [UInt8]) {
            withUnsafeBytes(of: bytes) { b in
                out.append(contentsOf: UnsafeBufferPointer(start: b.baseAddress!.assumingMemoryBound(to: UInt8.self), count: count))
            }
        }
    }

    private func makeSpan(containing whole: Int64) -> Span {
        let offset = timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(whole)))
        let local = whole + Int64(offset)
        let day = Self.floorDiv(local, 86_400)
        let secondOfDay = local - day * 86_400
        var lo = whole - secondOfDay
        var hi = lo + 86_400
        // A transition since local midnight: the span starts there (the offset before it differs).
        if let tr = timeZone.nextDaylightSavingTimeTransition(after: Date(timeIntervalSince1970: Double(lo))),
           tr.timeIntervalSince1970 <= Double(whole) {
            lo = max(lo, min(whole, Int64(tr.timeIntervalSince1970.rounded(.up))))
        }
        // The next transition ends it.
        if let tr = timeZone.nextDaylightSavingTimeTransition(after: Date(timeIntervalSince1970: Double(whole))),
           tr.timeIntervalSince1970 < Double(hi) {
            hi = max(whole + 1, Int64(tr.timeIntervalSince1970.rounded(.down)))
        }
        let (y, m, d) = CivilDate.fromDays(Int(day))
        return Span(lo: lo, hi: hi, localSecondsAtLo: secondOfDay - (whole - lo),
                    year: y, month: m, day: d, offsetSeconds: offset)
    }

    private static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }
}

/// Proleptic Gregorian dates ↔ days since 1970-01-01 (H. Hinnant's civil-date algorithms).
package enum CivilDate {
    package static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    package static func fromDays(_ days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}
