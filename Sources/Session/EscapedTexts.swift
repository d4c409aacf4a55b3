import Notifications

/// The JSON-escaped body (no quotes) of the received text of each event of a batch, escaped once:
/// the journal record and the jsonl line of a message both carry `"text":…`, the same bytes.
package struct EscapedTexts: Sendable {
    private var bytes: [UInt8] = []
    private var ranges: [Range<Int>?] = []

    package init() {}

    /// The number of events added.
    package var count: Int { ranges.count }

    /// Empties it, keeping its buffers (unless the bytes grew past 1 MiB).
    package mutating func removeAll() {
        bytes.removeAll(keepingCapacity: bytes.capacity <= 1 << 20)
        ranges.removeAll(keepingCapacity: true)
    }

    /// Adds the escaped text of `event`: a received message's exact text; none for other events.
    package mutating func add(_ event: SessionEvent) {
        guard case .message(let n) = event, let text = n.text else {
            ranges.append(nil)
            return
        }
        let start = bytes.count
        JSONStringEscaper.appendBody(text, to: &bytes)
        ranges.append(start..<bytes.count)
    }

    /// Adds an event whose text is not escaped here (its writers escape it themselves).
    package mutating func addNone() {
        ranges.append(nil)
    }

    /// The escaped text of the `i`th event added, or nil.
    package subscript(i: Int) -> ArraySlice<UInt8>? {
        guard i < ranges.count, let r = ranges[i] else { return nil }
        return bytes[r]
    }
}
