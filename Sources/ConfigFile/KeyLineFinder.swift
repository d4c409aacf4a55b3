import Foundation

/// Finds the line on which a key is written in a TOML text.
///
/// TOMLKit 0.6 reports a position only for syntax errors; the tables it returns carry no source
/// positions. So for errors about a parsed value (unknown key, wrong type, out of range…) the line
/// is found by this small scan of the text, which knows just enough TOML for theme and config files:
///
/// - it follows table headers `[a.b]` / `[[a.b]]` to know the current table;
/// - every `key = …` or `dotted.key = …` line names the path *current table + key*;
/// - `#` comments, blank lines and the inside of multi-line strings (`"""`, `'''`) are skipped;
///   quoted keys (`"a b"`, `'a'`) are unquoted.
///
/// The answer is the first line whose path equals the wanted one. Failing that, the first line
/// whose path starts with the wanted one (the table `colors` of `[colors.header]`, or of
/// `colors.header.fg = 1`). Failing that, the line of the longest written path that the wanted
/// one starts with (an inline table `header = { fg = 3 }` gives its line for `roles.header.fg`).
/// For a multi-line value (an `attrs` array over several lines) it is the line the key is on.
/// nil when nothing matches.
package enum KeyLineFinder {
    package static func line(of path: [String], in text: String) -> Int? {
        guard !path.isEmpty else { return nil }
        var table: [String] = []
        var bestPrefix: (length: Int, line: Int)? = nil
        var firstDeeper: Int? = nil
        var openMultiline: String? = nil   // the delimiter of a multi-line string we are inside

        var lineNumber = 0
        // "\r\n" is one Character in Swift: split on both forms.
        for raw in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            lineNumber += 1
            let line = raw.hasSuffix("\r") ? raw.dropLast() : raw[...]

            if let delimiter = openMultiline {
                if occurrences(of: delimiter, in: line) % 2 == 1 { openMultiline = nil }
                continue
            }
            let trimmed = line.drop(while: { $0 == " " || $0 == "\t" })
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }

            var written: [String]
            if trimmed.hasPrefix("[") {
                let inner = trimmed.hasPrefix("[[") ? trimmed.dropFirst(2) : trimmed.dropFirst()
                guard let header = keyPath(inner, until: "]") else { continue }
                table = header
                written = header
            } else {
                guard let key = keyPath(trimmed, until: "=") else { continue }
                written = table + key
                // A value that opens a multi-line string and does not close it on this line.
                if let eq = indexOutsideQuotes(of: "=", in: trimmed) {
                    let value = trimmed[trimmed.index(after: eq)...]
                    for delimiter in ["\"\"\"", "'''"] where occurrences(of: delimiter, in: value) % 2 == 1 {
                        openMultiline = delimiter
                        break
                    }
                }
            }

            if written == path { return lineNumber }
            if firstDeeper == nil, written.count > path.count, Array(written.prefix(path.count)) == path {
                firstDeeper = lineNumber
            }
            if written.count < path.count, Array(path.prefix(written.count)) == written,
               written.count > (bestPrefix?.length ?? 0) {
                bestPrefix = (written.count, lineNumber)
            }
        }
        return firstDeeper ?? bestPrefix?.line
    }

    /// The dotted key at the start of `text`, up to the first `terminator` outside quotes,
    /// split and unquoted; nil if there is no terminator or a part is empty.
    static func keyPath(_ text: Substring, until terminator: Character) -> [String]? {
        guard let end = indexOutsideQuotes(of: terminator, in: text) else { return nil }
        var parts: [String] = []
        var current = ""
        var quote: Character? = nil
        for ch in text[..<end] {
            if let q = quote {
                if ch == q { quote = nil } else { current.append(ch) }
            } else if ch == "\"" || ch == "'" {
                quote = ch
            } else if ch == "." {
                parts.append(current)
                current = ""
            } else if ch != " " && ch != "\t" {
                current.append(ch)
            }
        }
        parts.append(current)
        if parts.contains(where: \.isEmpty) { return nil }
        return parts
    }

    static func indexOutsideQuotes(of target: Character, in text: Substring) -> Substring.Index? {
        var quote: Character? = nil
        var i = text.startIndex
        while i < text.endIndex {
            let ch = text[i]
            if let q = quote {
                if ch == "\\" && q == "\"" {
                    i = text.index(after: i)
                    if i == text.endIndex { break }
                } else if ch == q {
                    quote = nil
                }
            } else if ch == "\"" || ch == "'" {
                quote = ch
            } else if ch == target {
                return i
            } else if ch == "#" {
                return nil
            }
            i = text.index(after: i)
        }
        return nil
    }

    static func occurrences(of needle: String, in text: Substring) -> Int {
        var count = 0
        var rest = text[...]
        while let r = rest.range(of: needle) {
            count += 1
            rest = rest[r.upperBound...]
        }
        return count
    }
}
