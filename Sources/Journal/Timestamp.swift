import Foundation
import Session

/// Parses the log format's `at`: `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM|±HHMM)`.
/// Any number of fraction digits; `t`/`z` in lower case accepted. The offset is required.
enum Timestamp {
    enum Failure: Error, Equatable {
        case malformed
        case noOffset
    }

    /// The instant and the offset it was written with (seconds east of UTC).
    static func parse(_ s: String) -> Result<(date: Date, offset: Int), Failure> {
        var s = s
        return s.withUTF8 { parse(utf8: $0) }
    }

    /// The same, read from UTF-8 bytes.
    static func parse(utf8 b: UnsafeBufferPointer<UInt8>) -> Result<(date: Date, offset: Int), Failure> {
        var i = 0

        @inline(__always) func digits(_ n: Int) -> Int? {
            guard i + n <= b.count else { return nil }
            var v = 0
            for k in i..<(i + n) {
                let d = b[k]
                guard d >= 0x30, d <= 0x39 else { return nil }
                v = v * 10 + Int(d - 0x30)
            }
            i += n
            return v
        }
        @inline(__always) func expect(_ c: UInt8, _ other: UInt8? = nil) -> Bool {
            guard i < b.count, b[i] == c || b[i] == other else { return false }
            i += 1
            return true
        }

        guard let year = digits(4), expect(0x2D), let month = digits(2), expect(0x2D), let day = digits(2),
              expect(0x54, 0x74),  // T t
              let hour = digits(2), expect(0x3A), let minute = digits(2), expect(0x3A), let second = digits(2)
        else { return .failure(.malformed) }

        var fraction = 0.0
        if i < b.count, b[i] == 0x2E {  // .
            i += 1
            let start = i
            while i < b.count, b[i] >= 0x30, b[i] <= 0x39 { i += 1 }
            guard i > start else { return .failure(.malformed) }
            if i - start <= 15 {
                // Exact integer over an exact power of ten: the same correctly rounded value as
                // Double("0.ddd"), without a string.
                var v = 0, scale = 1.0
                for k in start..<i { v = v * 10 + Int(b[k] - 0x30); scale *= 10 }
                fraction = Double(v) / scale
            } else {
                guard let f = Double("0." + String(decoding: b[start..<i], as: UTF8.self)) else { return .failure(.malformed) }
                fraction = f
            }
        }

        let offset: Int
        if i == b.count {
            return .failure(.noOffset)
        } else if expect(0x5A, 0x7A) {  // Z z
            offset = 0
        } else if i < b.count, b[i] == 0x2B || b[i] == 0x2D {  // + -
            let sign = b[i] == 0x2D ? -1 : 1
            i += 1
            guard let oh = digits(2) else { return .failure(.malformed) }
            _ = expect(0x3A)
            guard let om = digits(2), oh <= 23, om <= 59 else { return .failure(.malformed) }
            offset = sign * (oh * 3600 + om * 60)
        } else {
            return .failure(.malformed)
        }
        guard i == b.count else { return .failure(.malformed) }

        guard (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day),
              hour <= 23, minute <= 59, second <= 59
        else { return .failure(.malformed) }

        let days = CivilDate.days(year: year, month: month, day: day)
        let whole = days * 86_400 + hour * 3600 + minute * 60 + second - offset
        return .success((Date(timeIntervalSince1970: Double(whole) + fraction), offset))
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}
