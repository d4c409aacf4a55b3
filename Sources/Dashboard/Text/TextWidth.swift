/// Display width of text in terminal columns, measured per grapheme cluster.
///
/// Rules (wcwidth-like, applied to whole clusters so the result matches what terminals draw):
/// - C0/C1 controls and DEL: 0 (text should be sanitised first; see `Sanitizer`).
/// - Combining marks (Mn, Me), format characters (Cf: ZWJ, ZWSP, bidi marks…), Hangul medial
///   vowels and final consonants: 0 on their own, and they add nothing to a cluster.
/// - East Asian Wide and Fullwidth characters (CJK, Hangul syllables, fullwidth forms, kana…): 2.
/// - Emoji: a cluster is 2 when its base has emoji presentation, or it contains VS16 (U+FE0F),
///   a keycap (U+20E3), a skin-tone modifier, or a ZWJ joining emoji; a flag (two regional
///   indicators) is 2. VS15 (U+FE0E) forces text presentation (1) unless the base is wide.
/// - Everything else: 1.
public enum TextWidth {
    /// Width of a whole string.
    public static func width<S: StringProtocol>(_ text: S) -> Int {
        // Printable ASCII (most of a frame) is one column a byte: no cluster walk.
        var ascii = true
        for b in text.utf8 where b < 0x20 || b >= 0x7F {
            ascii = false
            break
        }
        if ascii { return text.utf8.count }
        var w = 0
        for ch in text { w += width(of: ch) }
        return w
    }

    /// Width of one grapheme cluster: 0, 1 or 2.
    public static func width(of ch: Character) -> Int {
        // Fast paths, same answers as the rules below: one ASCII byte (controls 0, the rest 1),
        // a lone Latin-1/Latin Extended letter (1), a lone CJK unified ideograph or fullwidth form
        // (2), a lone dash, quote, bullet, ellipsis, arrow or box-drawing line (1).
        let utf8 = ch.utf8
        if utf8.count == 1, let b = utf8.first { return b < 0x20 || b == 0x7F ? 0 : 1 }
        if utf8.count == 2, let v = ch.unicodeScalars.first?.value, v >= 0xA0, v <= 0x2FF { return 1 }
        if utf8.count == 3, let v = ch.unicodeScalars.first?.value {
            if (0x4E00...0x9FFF).contains(v) || (0xFF00...0xFF60).contains(v) { return 2 }
            // Dashes, quotes, bullets, the ellipsis, arrows and box drawing (the view's glyphs).
            if (0x2010...0x2027).contains(v) || (0x2190...0x21FF).contains(v) || (0x2500...0x257F).contains(v) { return 1 }
        }
        return ruleWidth(of: ch)
    }

    /// Calls `body(start, end, scalar, width)` for each grapheme cluster of `text` (its UTF-8
    /// offsets), in order, until it returns false; `scalar` is the cluster when it is one scalar.
    /// Runs of "simple" scalars (see `simpleWidth`) are split one scalar a cluster, read straight
    /// from the UTF-8 bytes, without the cluster rules: between two of them there is always a
    /// boundary. A cluster that starts with another scalar, or with a simple one that the next
    /// scalar could join, is one step of the text's own cluster walk.
    static func forEachCluster(_ text: String, _ body: (Int, Int, Unicode.Scalar?, Int) -> Bool) {
        var bytes = text
        bytes.withUTF8 { utf8 in
            let n = utf8.count
            /// The scalar starting at byte `j` (a lead byte: the text is valid UTF-8) and its length.
            func decode(_ j: Int) -> (UInt32, Int) {
                let b0 = UInt32(utf8[j])
                if b0 < 0x80 { return (b0, 1) }
                if b0 < 0xE0 { return ((b0 & 0x1F) << 6 | UInt32(utf8[j + 1] & 0x3F), 2) }
                if b0 < 0xF0 {
                    return ((b0 & 0x0F) << 12 | UInt32(utf8[j + 1] & 0x3F) << 6 | UInt32(utf8[j + 2] & 0x3F), 3)
                }
                return ((b0 & 0x07) << 18 | UInt32(utf8[j + 1] & 0x3F) << 12 | UInt32(utf8[j + 2] & 0x3F) << 6
                        | UInt32(utf8[j + 3] & 0x3F), 4)
            }
            // `i` is always a boundary: the text's start or the end of a cluster.
            var i = 0
            var (v, len) = n > 0 ? decode(0) : (0, 0)
            while i < n {
                let next = i + len
                let w = simpleWidth(v)
                var (nextV, nextLen) = next < n ? decode(next) : (0, 0)
                if w > 0, next == n || simpleWidth(nextV) > 0 {
                    if !body(i, next, Unicode.Scalar(v), w) { return }
                } else {
                    // One step of the text's own cluster walk, from this boundary.
                    let ch = text[text.utf8.index(text.utf8.startIndex, offsetBy: i)...].first!
                    let end = i + ch.utf8.count
                    if !body(i, end, ch.utf8.count == len ? Unicode.Scalar(v) : nil, width(of: ch)) { return }
                    if end != next { (nextV, nextLen) = end < n ? decode(end) : (0, 0) }
                    i = end
                    (v, len) = (nextV, nextLen)
                    continue
                }
                i = next
                (v, len) = (nextV, nextLen)
            }
        }
    }

    /// The width of a scalar that never joins its neighbours into a cluster when they are simple
    /// too (no control, mark, joiner, variation selector, regional indicator or jamo): printable
    /// ASCII, Latin-1/Latin Extended letters, dashes, quotes, bullets and the ellipsis, arrows,
    /// box drawing (1), CJK punctuation, ideographs, Hangul syllables and fullwidth forms (2).
    /// 0 for any other scalar (`v` is a scalar's value).
    static func simpleWidth(_ v: UInt32) -> Int {
        if v < 0x300 { return v >= 0x20 && v < 0x7F || v >= 0xA0 ? 1 : 0 }
        if v >= 0x4E00 && v <= 0x9FFF { return 2 }
        if v >= 0x2010 && v <= 0x2027 || v >= 0x2190 && v <= 0x21FF || v >= 0x2500 && v <= 0x257F { return 1 }
        if v >= 0x3000 && v <= 0x3029 || v >= 0xAC00 && v <= 0xD7A3 || v >= 0xFF00 && v <= 0xFF60 { return 2 }
        return 0
    }

    /// `width(of:)` by the rules alone, without the fast paths (tests compare the two).
    static func ruleWidth(of ch: Character) -> Int {
        let scalars = ch.unicodeScalars
        guard let first = scalars.first else { return 0 }
        if isControl(first) { return 0 }
        let rest = scalars.dropFirst()
        if rest.isEmpty { return scalarWidth(first) }

        if isRegionalIndicator(first) { return 2 }   // a flag pair (or RI + modifiers)

        var vs15 = false, emojiSequence = false
        for s in rest {
            switch s.value {
            case 0xFE0E: vs15 = true
            case 0xFE0F, 0x20E3, 0x1F3FB...0x1F3FF: emojiSequence = true
            case 0x200D: if isEmojiBase(first) { emojiSequence = true }
            default: break
            }
        }
        let base = scalarWidth(first)
        if base == 0 {
            // A cluster that starts with a mark or format char (e.g. stray combining mark at the
            // start of a string, or ZWJ + emoji): as wide as its widest part.
            var w = 0
            for s in rest where !isControl(s) { w = max(w, scalarWidth(s)) }
            return w
        }
        if vs15 && !isEastAsianWide(first.value) { return 1 }
        if emojiSequence { return 2 }
        return base
    }

    /// Width of a single scalar outside any cluster context.
    public static func scalarWidth(_ s: Unicode.Scalar) -> Int {
        let v = s.value
        if isControl(s) { return 0 }
        if v == 0x00AD { return 1 }                       // soft hyphen: shown by most terminals
        if v >= 0x1160 && v <= 0x11FF { return 0 }        // Hangul medial vowels / final consonants
        if v == 0x200B { return 0 }
        switch s.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        if isEastAsianWide(v) { return 2 }
        if s.properties.isEmojiPresentation { return 2 }
        return 1
    }

    static func isControl(_ s: Unicode.Scalar) -> Bool {
        s.value < 0x20 || (s.value >= 0x7F && s.value <= 0x9F)
    }

    static func isRegionalIndicator(_ s: Unicode.Scalar) -> Bool {
        s.value >= 0x1F1E6 && s.value <= 0x1F1FF
    }

    static func isEmojiBase(_ s: Unicode.Scalar) -> Bool {
        s.properties.isEmoji && s.value > 0xFF   // digits, '#', '*' are "emoji" too; not as ZWJ bases
    }

    /// East Asian Width W or F (plus the emoji blocks that terminals draw 2 wide).
    public static func isEastAsianWide(_ v: UInt32) -> Bool {
        if v < 0x1100 { return false }
        var lo = 0, hi = wideRanges.count - 1
        while lo <= hi {
            let mid = (lo + hi) / 2
            let r = wideRanges[mid]
            if v < r.0 { hi = mid - 1 } else if v > r.1 { lo = mid + 1 } else { return true }
        }
        return false
    }

    /// Sorted, non-overlapping inclusive ranges of wide code points.
    private static let wideRanges: [(UInt32, UInt32)] = [
        (0x1100, 0x115F), (0x231A, 0x231B), (0x2329, 0x232A), (0x23E9, 0x23EC), (0x23F0, 0x23F0),
        (0x23F3, 0x23F3), (0x25FD, 0x25FE), (0x2614, 0x2615), (0x2648, 0x2653), (0x267F, 0x267F),
        (0x2693, 0x2693), (0x26A1, 0x26A1), (0x26AA, 0x26AB), (0x26BD, 0x26BE), (0x26C4, 0x26C5),
        (0x26CE, 0x26CE), (0x26D4, 0x26D4), (0x26EA, 0x26EA), (0x26F2, 0x26F3), (0x26F5, 0x26F5),
        (0x26FA, 0x26FA), (0x26FD, 0x26FD), (0x2705, 0x2705), (0x270A, 0x270B), (0x2728, 0x2728),
        (0x274C, 0x274C), (0x274E, 0x274E), (0x2753, 0x2755), (0x2757, 0x2757), (0x2795, 0x2797),
        (0x27B0, 0x27B0), (0x27BF, 0x27BF), (0x2B1B, 0x2B1C), (0x2B50, 0x2B50), (0x2B55, 0x2B55),
        (0x2E80, 0x303E), (0x3041, 0x3247), (0x3250, 0x4DBF), (0x4E00, 0xA4CF), (0xA960, 0xA97F),
        (0xAC00, 0xD7A3), (0xF900, 0xFAFF), (0xFE10, 0xFE19), (0xFE30, 0xFE6F), (0xFF00, 0xFF60),
        (0xFFE0, 0xFFE6), (0x16FE0, 0x16FE4), (0x16FF0, 0x16FF1), (0x17000, 0x18D08),
        (0x1AFF0, 0x1AFFE), (0x1B000, 0x1B2FF), (0x1F004, 0x1F004), (0x1F0CF, 0x1F0CF),
        (0x1F18E, 0x1F18E), (0x1F191, 0x1F19A), (0x1F200, 0x1F202), (0x1F210, 0x1F23B),
        (0x1F240, 0x1F248), (0x1F250, 0x1F251), (0x1F260, 0x1F265), (0x1F300, 0x1F320),
        (0x1F32D, 0x1F335), (0x1F337, 0x1F37C), (0x1F37E, 0x1F393), (0x1F3A0, 0x1F3CA),
        (0x1F3CF, 0x1F3D3), (0x1F3E0, 0x1F3F0), (0x1F3F4, 0x1F3F4), (0x1F3F8, 0x1F43E),
        (0x1F440, 0x1F440), (0x1F442, 0x1F4FC), (0x1F4FF, 0x1F53D), (0x1F54B, 0x1F54E),
        (0x1F550, 0x1F567), (0x1F57A, 0x1F57A), (0x1F595, 0x1F596), (0x1F5A4, 0x1F5A4),
        (0x1F5FB, 0x1F64F), (0x1F680, 0x1F6C5), (0x1F6CC, 0x1F6CC), (0x1F6D0, 0x1F6D2),
        (0x1F6D5, 0x1F6D7), (0x1F6DC, 0x1F6DF), (0x1F6EB, 0x1F6EC), (0x1F6F4, 0x1F6FC),
        (0x1F7E0, 0x1F7EB), (0x1F7F0, 0x1F7F0), (0x1F90C, 0x1F93A), (0x1F93C, 0x1F945),
        (0x1F947, 0x1F9FF), (0x1FA70, 0x1FAFF), (0x20000, 0x2FFFD), (0x30000, 0x3FFFD),
    ]

    /// Cuts `text` to at most `width` columns without splitting a cluster. When it had to cut and
    /// `ellipsis` is given (and fits), the result ends with it. The result never exceeds `width`.
    public static func truncate(_ text: String, toWidth width: Int, ellipsis: String? = "…") -> String {
        guard width > 0 else { return "" }
        var budget = width
        var mark = ""
        if let ellipsis {
            let ew = Self.width(ellipsis)
            if ew <= width {
                budget = width - ew
                mark = ellipsis
            }
        }
        // Printable ASCII: a byte is a column.
        if !text.utf8.contains(where: { $0 < 0x20 || $0 >= 0x7F }) {
            if text.utf8.count <= width { return text }
            return String(text.utf8.prefix(budget))! + mark
        }
        // One walk: the clusters that fit in `budget` are kept, and the walk ends as soon as the
        // whole text is known to be wider than `width`.
        var used = 0
        var cutting = true
        var cut = 0
        forEachCluster(text) { _, end, _, w in
            if cutting {
                if used + w <= budget { cut = end } else { cutting = false }
            }
            used += w
            return used <= width
        }
        return used > width ? String(text.utf8.prefix(cut))! + mark : text
    }

    /// Pads `text` with spaces on the right to exactly `width` columns (truncating first if needed).
    public static func pad(_ text: String, toWidth width: Int, ellipsis: String? = "…") -> String {
        let t = truncate(text, toWidth: width, ellipsis: ellipsis)
        let w = Self.width(t)
        return w < width ? t + String(repeating: " ", count: width - w) : t
    }

    /// Pads on the left (right-aligns) to `width` columns.
    public static func padLeft(_ text: String, toWidth width: Int) -> String {
        let t = truncate(text, toWidth: width, ellipsis: nil)
        let w = Self.width(t)
        return w < width ? String(repeating: " ", count: width - w) + t : t
    }

    /// Drops the last grapheme cluster (for Backspace in an editor). CJK and emoji go whole.
    public static func dropLastCluster(_ text: String) -> String {
        guard !text.isEmpty else { return text }
        return String(text.dropLast())
    }
}
