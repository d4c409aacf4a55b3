import Session

/// Makes untrusted (server-provided) text safe to put on a terminal.
///
/// - Escape sequences are removed entirely: CSI (`ESC [ … final`), OSC (`ESC ] … BEL|ST`),
///   DCS/SOS/PM/APC (`ESC P|X|^|_ … ST`), nF/Fp/Fe/Fs two- and three-byte escapes, and the
///   8-bit C1 introducers (U+009B CSI, U+009D OSC, U+0090 DCS, U+0098, U+009E, U+009F).
///   An unterminated string sequence swallows the rest of the text (that is what a terminal would do).
/// - Tab becomes one space; LF, CR, CRLF, U+2028 LINE SEPARATOR and U+2029 PARAGRAPH SEPARATOR
///   become one `⏎`.
/// - Other C0 controls become caret notation (`^@`, `^G`, `^[`…); DEL becomes `^?`.
/// - Other C1 controls (U+0080–U+009F) become `�`.
/// - Bidirectional embedding/override/isolate controls (U+202A–U+202E, U+2066–U+2069) and
///   LRM/RLM/ALM are removed, so text cannot reorder what follows it on the line.
///
/// `asciiOnly` (for non-UTF-8 locales): every non-ASCII grapheme cluster becomes `?` repeated
/// once per display column it would have taken (a CJK character becomes `??`), so column
/// counts stay the same as in UTF-8 mode and the reader can tell something wide was there;
/// zero-width clusters disappear; markers are ASCII (`^J` for a line break, `?` for C1).
public struct Sanitizer: Sendable, Hashable {
    public var asciiOnly: Bool

    public init(asciiOnly: Bool = false) {
        self.asciiOnly = asciiOnly
    }

    public static func sanitize(_ text: String, asciiOnly: Bool = false) -> String {
        Sanitizer(asciiOnly: asciiOnly).sanitize(text)
    }

    public func sanitize(_ text: String) -> String {
        // Fast path: nothing to do for plain printable ASCII.
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return text }
        // Nor for other text without a scalar to change (Chinese order text, most of the time).
        if !asciiOnly, !text.unicodeScalars.contains(where: Self.changes) { return text }
        return sanitize(Array(text.unicodeScalars))
    }

    /// `TextWidth.truncate(head + sanitize(text), …)` (`head` is shown as it is), reading only as
    /// much of a long text as `width` columns need: a 9 KiB message on screen was sanitised and
    /// measured whole at every render.
    public func truncate(_ text: String, after head: String = "", toWidth width: Int, ellipsis: String? = "…") -> String {
        let take = 2 * max(0, width) + 32
        if asciiOnly || text.utf8.count <= take {
            return TextWidth.truncate(head + sanitize(text), toWidth: width, ellipsis: ellipsis)
        }
        var scalars = text.unicodeScalars.makeIterator()
        var start: [Unicode.Scalar] = []
        start.reserveCapacity(take)
        while start.count < take, let s = scalars.next() { start.append(s) }
        guard scalars.next() != nil else {
            return TextWidth.truncate(head + sanitize(start), toWidth: width, ellipsis: ellipsis)
        }
        // The sanitised start is a prefix of the sanitised text (a sequence cut at its end emits
        // nothing more). Without its last cluster, which the rest could extend, its clusters are
        // the text's own: if they are already wider than `width`, the cut is the same.
        var shown = head + sanitize(start)
        if !shown.isEmpty { shown.removeLast() }
        if TextWidth.width(shown) > width { return TextWidth.truncate(shown, toWidth: width, ellipsis: ellipsis) }
        return TextWidth.truncate(head + sanitize(text), toWidth: width, ellipsis: ellipsis)
    }

    /// Whether `sanitize` replaces or drops `u` (outside asciiOnly).
    private static func changes(_ u: Unicode.Scalar) -> Bool {
        let v = u.value
        return v < 0x20 || (v >= 0x7F && v <= 0x9F) || v == 0x2028 || v == 0x2029 || LineEscaping.isBidiControl(u)
    }

    /// The whole sanitiser, without the fast paths (tests compare the two).
    func sanitize(_ u: [Unicode.Scalar]) -> String {
        let n = u.count
        var out = String.UnicodeScalarView()
        let lineBreak = asciiOnly ? "^J" : "⏎"
        let c1Marker = asciiOnly ? "?" : "\u{FFFD}"
        var i = 0
        while i < n {
            let v = u[i].value
            switch v {
            case 0x1B:
                i = skipEscape(u, from: i)
            case 0x9B:
                i = skipCSI(u, from: i + 1)
            case 0x9D, 0x90, 0x98, 0x9E, 0x9F:
                i = skipString(u, from: i + 1)
            case 0x09:
                out.append(" ")
                i += 1
            case 0x0D:
                out.append(contentsOf: lineBreak.unicodeScalars)
                i += (i + 1 < n && u[i + 1].value == 0x0A) ? 2 : 1
            case 0x0A, 0x2028, 0x2029:
                out.append(contentsOf: lineBreak.unicodeScalars)
                i += 1
            case 0x00..<0x20:
                out.append("^")
                out.append(Unicode.Scalar(UInt8(v + 0x40)))
                i += 1
            case 0x7F:
                out.append(contentsOf: "^?".unicodeScalars)
                i += 1
            case 0x80...0x9F:
                out.append(contentsOf: c1Marker.unicodeScalars)
                i += 1
            case _ where LineEscaping.isBidiControl(u[i]):   // the same set headless text escapes
                i += 1
            default:
                out.append(u[i])
                i += 1
            }
        }
        let result = String(out)
        return asciiOnly ? Self.asciify(result) : result
    }

    /// Replaces each non-ASCII cluster by `?` × its display width.
    static func asciify(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return text }
        var out = ""
        for ch in text {
            if ch.unicodeScalars.allSatisfy({ $0.isASCII }) {
                out.append(ch)
            } else {
                let w = TextWidth.width(of: ch)
                out += String(repeating: "?", count: w)
            }
        }
        return out
    }

    /// `u[i]` is ESC. Returns the index after the whole sequence.
    private func skipEscape(_ u: [Unicode.Scalar], from i: Int) -> Int {
        let n = u.count
        guard i + 1 < n else { return n }
        let next = u[i + 1].value
        switch next {
        case 0x5B:                                   // [  CSI
            return skipCSI(u, from: i + 2)
        case 0x5D, 0x50, 0x58, 0x5E, 0x5F:           // ] P X ^ _  OSC DCS SOS PM APC
            return skipString(u, from: i + 2)
        case 0x20...0x2F:                            // nF: intermediates then one final byte
            var j = i + 1
            while j < n, (0x20...0x2F).contains(u[j].value) { j += 1 }
            if j < n, (0x30...0x7E).contains(u[j].value) { j += 1 }
            return j
        case 0x30...0x7E:                            // Fp / Fe / Fs: ESC 7, ESC c, ESC M …
            return i + 2
        default:                                     // ESC before something else: drop the ESC
            return i + 1
        }
    }

    /// Skips CSI parameters/intermediates (0x20–0x3F) and its final byte (0x40–0x7E).
    private func skipCSI(_ u: [Unicode.Scalar], from start: Int) -> Int {
        let n = u.count
        var j = start
        while j < n, (0x20...0x3F).contains(u[j].value) { j += 1 }
        if j < n, (0x40...0x7E).contains(u[j].value) { j += 1 }
        return j
    }

    /// Skips a control string up to and including its terminator (BEL, ST = ESC \ or U+009C).
    /// An ESC not followed by `\` aborts the string (as in terminals) and is processed afresh.
    private func skipString(_ u: [Unicode.Scalar], from start: Int) -> Int {
        let n = u.count
        var j = start
        while j < n {
            switch u[j].value {
            case 0x07, 0x9C: return j + 1
            case 0x1B:
                if j + 1 < n, u[j + 1].value == 0x5C { return j + 2 }
                return j
            case 0x18, 0x1A: return j + 1            // CAN / SUB cancel the sequence
            default: j += 1
            }
        }
        return n
    }
}
