import Foundation
import Session

/// `replay --instant --headless`: log bytes in, output lines out, with no clock (every record is
/// due at once) and no record kept. A journal's order and reminder lines (`OrderMessageLine`) are
/// written straight from their bytes in the jsonl format; every other line goes the general way
/// (`LogReader.parse`, `LogRecord.event`, `EventLineFormatter`) and comes out the same as it
/// would through `ReplayClock`. A bare line gets the time it is played (`now`).
public struct InstantReplay {
    private var reader = LogReader()
    private let formatter: EventLineFormatter
    private let direct: Bool

    public init(formatter: EventLineFormatter) {
        self.formatter = formatter
        self.direct = formatter.format == .jsonl
    }

    /// Appends the lines (each ending in `\n`) for the records completed by `bytes` to `out`, and
    /// calls `bad` for each bad line; false when `bad` returned false (nothing after it is read).
    public mutating func feed(_ bytes: UnsafeBufferPointer<UInt8>, now: Date, to out: inout [UInt8],
                              bad: (LogLineError) -> Bool) -> Bool {
        let formatter = formatter, direct = direct
        return reader.feedLines(bytes) { line, number, terminated in
            Self.play(line, number: number, terminated: terminated, now: now, formatter: formatter,
                      direct: direct, to: &out, bad: bad)
        }
    }

    /// End of input: the same for a last line without a newline.
    public mutating func finish(now: Date, to out: inout [UInt8], bad: (LogLineError) -> Bool) -> Bool {
        let formatter = formatter, direct = direct
        return reader.finishLines { line, number, terminated in
            Self.play(line, number: number, terminated: terminated, now: now, formatter: formatter,
                      direct: direct, to: &out, bad: bad)
        }
    }

    private static func play(_ line: UnsafeBufferPointer<UInt8>, number: Int, terminated: Bool, now: Date,
                             formatter: EventLineFormatter, direct: Bool, to out: inout [UInt8],
                             bad: (LogLineError) -> Bool) -> Bool {
        if direct, let m = OrderMessageLine.scan(line) {
            appendLine(m, of: line, formatter: formatter, to: &out)
            return true
        }
        switch LogReader.parse(line: line, number: number, terminated: terminated) {
        case nil:
            return true
        case .success(let record)?:
            formatter.appendLine(TimedEvent(at: record.at ?? now, event: record.event), to: &out)
            out.append(0x0A)
            return true
        case .failure(let error)?:
            return bad(error)
        }
    }

    /// The jsonl line of `m` (as `EventLineFormatter` writes an order or reminder), and `\n`.
    static func appendLine(_ m: OrderMessageLine, of line: UnsafeBufferPointer<UInt8>,
                           formatter: EventLineFormatter, to out: inout [UInt8]) {
        append(#"{"at":""#, to: &out)
        formatter.clock.appendISO(m.at, to: &out)
        append(m.reminder ? #"","event":"reminder","orderId":"# : #"","event":"order","orderId":"#, to: &out)
        appendDecimal(m.orderId, to: &out)
        if let c = m.content {
            append(#","content":""#, to: &out)
            out.append(contentsOf: UnsafeBufferPointer(rebasing: line[c]))
            append(#"","text":""#, to: &out)
        } else {
            append(#","content":null,"text":""#, to: &out)
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: line[m.text]))
        append("\"}\n", to: &out)
    }

    @inline(__always)
    private static func append(_ s: StaticString, to out: inout [UInt8]) {
        out.append(contentsOf: UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
    }

    /// `String(v)`'s digits, without the String.
    private static func appendDecimal(_ v: Int64, to out: inout [UInt8]) {
        if v < 0 { out.append(UInt8(ascii: "-")) }
        var m = v.magnitude
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)   // 24 bytes: Int64 has at most 19 digits
        var count = 0
        withUnsafeMutableBytes(of: &digits) { d in
            repeat {
                d[23 - count] = 0x30 + UInt8(truncatingIfNeeded: m % 10)
                m /= 10
                count += 1
            } while m != 0
            out.append(contentsOf: UnsafeRawBufferPointer(rebasing: d[(24 - count)...]))
        }
    }
}
