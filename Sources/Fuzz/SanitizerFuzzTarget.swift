import Dashboard
import Session

/// `sanitizers`: the dashboard's `Sanitizer` (UTF-8 and ASCII modes) and headless text's
/// `LineEscaping.visible`. Checks that nothing a terminal acts on survives: no C0 control, DEL, C1
/// control (so no ESC, CSI, OSC, DCS, APC, PM, BEL, BS, CR, NUL), no bidi control, no line
/// separator; that ASCII mode prints only printable ASCII; that sanitising twice changes nothing;
/// and that plain printable text is kept as it is.
enum SanitizerFuzzing {
    static func run(_ input: [UInt8]) {
        let text = String(decoding: input, as: UTF8.self)
        let shown = Sanitizer.sanitize(text)
        precondition(isInert(shown), "the sanitizer let a control through: \(shown.debugDescription)")
        precondition(Sanitizer.sanitize(shown) == shown, "sanitizing twice changes the text: \(shown.debugDescription)")
        let ascii = Sanitizer.sanitize(text, asciiOnly: true)
        precondition(ascii.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F }, "ASCII mode printed something else: \(ascii.debugDescription)")
        let line = LineEscaping.visible(text)
        precondition(isInert(line), "headless text let a control through: \(line.debugDescription)")
        if text.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value < 0x7F }) {
            precondition(shown == text && line == text, "plain text was changed")
        }
    }

    static func isInert(_ s: String) -> Bool {
        !s.unicodeScalars.contains { u in
            u.value < 0x20 || (0x7F...0x9F).contains(u.value) || u.value == 0x2028 || u.value == 0x2029
                || LineEscaping.isBidiControl(u)
        }
    }
}
