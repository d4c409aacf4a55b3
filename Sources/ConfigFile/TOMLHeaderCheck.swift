/// A check run before text reaches TOMLKit: toml++ 3 (inside TOMLKit 0.6) aborts the whole process
/// (an `assert`, also in release builds) when a table header's name starts with anything but a
/// bare key character or a quote (`[é]`, `[[ 订单]]`, `[;`, `[ (x)`, `[` alone, after a BOM too);
/// found by `scripts/fuzz themes` and `config`. Such a header is not valid TOML anyway, so it is
/// reported as a syntax error on its line instead. Every line is checked, also inside a multi-line
/// string (tracking those by counting delimiters was fooled by a comment, the fuzzer showed).
/// Known limit: such a line inside a multi-line string, or a multi-line array's line starting
/// `[ {`, is refused too; theme and config files have no such values.
package enum TOMLHeaderCheck {
    /// The 1-based line and column of the first such header, or nil.
    package static func badHeader(in text: String) -> (line: Int, column: Int)? {
        var lineNumber = 0
        for raw in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }) {
            lineNumber += 1
            var scalars = Array(raw.unicodeScalars)
            if lineNumber == 1, scalars.first == "\u{FEFF}" { scalars.removeFirst() }   // toml++ skips a BOM
            var i = 0
            while i < scalars.count, scalars[i] == " " || scalars[i] == "\t" { i += 1 }
            guard i < scalars.count, scalars[i] == "[" else { continue }
            i += 1
            if i < scalars.count, scalars[i] == "[" { i += 1 }
            while i < scalars.count, scalars[i] == " " || scalars[i] == "\t" { i += 1 }
            if i == scalars.count || !startsName(scalars[i]) { return (lineNumber, i + 1) }
        }
        return nil
    }

    /// A bare key character (A-Z a-z 0-9 _ -) or a quote.
    private static func startsName(_ u: Unicode.Scalar) -> Bool {
        switch u {
        case "A"..."Z", "a"..."z", "0"..."9", "_", "-", "\"", "'": true
        default: false
        }
    }

    package static let message = "a table name must start with a letter, a digit, _, - or a quote"
}
