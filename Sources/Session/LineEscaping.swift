import Notifications

/// String escaping for one-line output. Package-internal: the Journal module writes JSON with it too.
package enum LineEscaping {
    /// The body of a JSON string literal (without the quotes); see `JSONEscaping.body`.
    static func jsonBody(_ s: String) -> String { JSONEscaping.body(s) }

    /// A JSON string literal, quotes included.
    package static func jsonString(_ s: String) -> String { "\"" + jsonBody(s) + "\"" }

    /// DEL, C1 controls, LINE SEPARATOR, PARAGRAPH SEPARATOR.
    private static func isOtherLineBreakingOrControl(_ u: Unicode.Scalar) -> Bool {
        (0x7F...0x9F).contains(u.value) || u.value == 0x2028 || u.value == 0x2029
    }

    /// Text safe to print on a terminal, on one line: newline, tab and CR as `\n` `\t` `\r`,
    /// every other C0 control, DEL, C1 control, U+2028/U+2029 and bidi controls as `\u{1B}` style,
    /// so server text can never drive the terminal (ESC sequences show as `\u{1B}[31m`) nor reorder
    /// the line. Other text is kept.
    package static func visible(_ s: String) -> String {
        if !s.unicodeScalars.contains(where: needsVisibleEscape) { return s }
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars {
            guard needsVisibleEscape(u) else { out.append(u); continue }
            switch u {
            case "\n": out.append(contentsOf: #"\n"#.unicodeScalars)
            case "\r": out.append(contentsOf: #"\r"#.unicodeScalars)
            case "\t": out.append(contentsOf: #"\t"#.unicodeScalars)
            default: out.append(contentsOf: ("\\u{" + hex(u.value, width: 1, uppercase: true) + "}").unicodeScalars)
            }
        }
        return String(out)
    }

    /// Like `visible`, and `"` shown as `\"`, so the result can sit between quotes unambiguously.
    static func visibleQuoted(_ s: String) -> String {
        "\"" + visible(s).replacingOccurrencesOfQuote() + "\""
    }

    private static func needsVisibleEscape(_ u: Unicode.Scalar) -> Bool {
        u.value < 0x20 || isOtherLineBreakingOrControl(u) || isBidiControl(u)
    }

    /// Bidirectional embedding, override, isolate and mark controls: they reorder the printed line
    /// (the dashboard's Sanitizer drops the same set), so they are shown as `\u{202E}`.
    package static func isBidiControl(_ u: Unicode.Scalar) -> Bool {
        switch u.value {
        case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: true
        default: false
        }
    }

    static func hex(_ v: UInt32, width: Int, uppercase: Bool) -> String {
        let h = String(v, radix: 16, uppercase: uppercase)
        return h.count >= width ? h : String(repeating: "0", count: width - h.count) + h
    }
}

private extension String {
    func replacingOccurrencesOfQuote() -> String {
        guard contains("\"") else { return self }
        var out = ""
        out.reserveCapacity(utf8.count + 2)
        for c in unicodeScalars {
            if c == "\"" { out += "\\\"" } else { out.unicodeScalars.append(c) }
        }
        return out
    }
}
