/// A second check before text reaches TOMLKit: toml++ 3 aborts the whole process (an `assert`) on
/// a bracket closed by the wrong kind, `attrs = [}` or `theme=[}` (found by `scripts/fuzz themes`
/// and `config`). This scan follows TOML's strings ("…" with escapes, '…', \"\"\"…\"\"\" and '''…''')
/// and comments, matches every `[`/`{` outside them with its closer, and reports the first closer
/// that does not match (or closes nothing) as a syntax error on its line. Text it passes still goes
/// to the real parser, which finds every other error.
package enum TOMLBracketCheck {
    /// The 1-based line and column of the first mismatched closing bracket, and what it should be.
    package static func mismatch(in text: String) -> (line: Int, column: Int, message: String)? {
        let s = Array(text.unicodeScalars)
        var stack: [Unicode.Scalar] = []
        var line = 1
        var lineStart = 0
        var i = 0
        func at(_ k: Int) -> Unicode.Scalar? { k < s.count ? s[k] : nil }
        func starts3(_ q: Unicode.Scalar, _ k: Int) -> Bool { at(k) == q && at(k + 1) == q && at(k + 2) == q }
        func newline(_ k: Int) { line += 1; lineStart = k + 1 }
        while i < s.count {
            let c = s[i]
            switch c {
            case "\n":
                newline(i)
                i += 1
            case "#":
                while i < s.count, s[i] != "\n" { i += 1 }
            case "\"", "'":
                if starts3(c, i) {
                    i += 3
                    while i < s.count, !starts3(c, i) {
                        if c == "\"", s[i] == "\\" { i += 1 }
                        if i < s.count, s[i] == "\n" { newline(i) }
                        i += 1
                    }
                    i += 3
                    while at(i) == c { i += 1 }   // up to two quotes may end the content
                } else {
                    i += 1
                    while i < s.count, s[i] != c, s[i] != "\n" {
                        if c == "\"", s[i] == "\\", at(i + 1) != "\n" { i += 1 }   // an escape, not a line break
                        i += 1
                    }
                    if at(i) == c { i += 1 }
                }
            case "[", "{":
                stack.append(c)
                i += 1
            case "]", "}":
                let opener: Unicode.Scalar = c == "]" ? "[" : "{"
                guard stack.last == opener else {
                    let what = stack.last.map { "'\($0 == "[" ? "]" : "}")' was expected" } ?? "nothing is open"
                    return (line, i - lineStart + 1, "'\(c)' closes nothing here (\(what))")
                }
                stack.removeLast()
                i += 1
            default:
                i += 1
            }
        }
        return nil
    }
}
