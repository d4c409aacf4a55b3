/// A cell position on a canvas (column `x`, row `y`, both from 0).
public struct Position: Sendable, Hashable {
    public var x: Int
    public var y: Int
    public init(x: Int, y: Int) {
        self.x = x
        self.y = y
    }
}

/// One terminal cell: the grapheme cluster drawn in it and its style.
///
/// A wide (2-column) cluster occupies two cells: the first holds the text, the second is a
/// *continuation* cell whose `text` is empty. A backend draws the first and skips the second.
/// A canvas stores its cells packed (see `Canvas`) and makes a `Cell` when one is read.
public struct Cell: Sendable, Hashable {
    public var text: String
    public var style: Style

    public init(text: String, style: Style) {
        self.text = text
        self.style = style
    }

    public static let blank = Cell(text: " ", style: .normal)

    /// True for the right half of a wide character.
    public var isContinuation: Bool { text.isEmpty }
}

/// An in-memory grid of styled cells. Pure value: views draw into it, tests read it back,
/// a terminal backend copies it to the screen.
///
/// Invariants kept by every drawing call:
/// - a cell's text is a single grapheme cluster of display width 1 or 2, or empty (continuation);
/// - a wide cluster is always followed by its continuation cell on the same row;
/// - zero-width clusters (controls, stray combining marks) never enter the grid.
///
/// Storage: one flat array of trivial values (`Glyph`), no `String` per cell, so making and
/// dropping a 120×40 canvas is two allocations, not 4,800 reference-counted texts. A cell whose
/// cluster is one Unicode scalar (nearly all) holds the scalar; a longer cluster (emoji sequence,
/// base + combining mark) holds an index into the canvas's own table of clusters.
public struct Canvas: Sendable, Equatable {
    public let width: Int
    public let height: Int
    private var glyphs: [Glyph]
    /// The clusters of more than one scalar, indexed by `Glyph.code`'s low bits.
    private var clusters: [String] = []
    /// Where a backend should place the terminal cursor (e.g. the composer), or nil to hide it.
    public var cursor: Position?

    /// One cell as stored: `code` 0 is a continuation, below `Glyph.clusterFlag` a scalar's value,
    /// from it up an index into `clusters`.
    private struct Glyph: Sendable {
        var code: UInt32
        var style: Style

        static let clusterFlag: UInt32 = 0x8000_0000
        static let space = UInt32(0x20)

        var isContinuation: Bool { code == 0 }
        var isScalar: Bool { code != 0 && code < Glyph.clusterFlag }
    }

    public init(width: Int, height: Int, fill: Cell = .blank) {
        self.width = max(0, width)
        self.height = max(0, height)
        self.glyphs = []
        self.cursor = nil
        let code = encode(fill.text)
        glyphs = Array(repeating: Glyph(code: code, style: fill.style), count: self.width * self.height)
    }

    /// The code of a cell holding `text` (a cluster, or empty for a continuation). U+0000 goes in
    /// the cluster table: code 0 means a continuation.
    private mutating func encode(_ text: String) -> UInt32 {
        var scalars = text.unicodeScalars.makeIterator()
        guard let first = scalars.next() else { return 0 }
        if scalars.next() == nil, first.value != 0 { return first.value }
        return intern(text)
    }

    private mutating func intern(_ text: String) -> UInt32 {
        clusters.append(text)
        return Glyph.clusterFlag | UInt32(clusters.count - 1)
    }

    private func text(of g: Glyph) -> String {
        if g.code == 0 { return "" }
        if g.code < Glyph.clusterFlag { return String(Character(Unicode.Scalar(g.code)!)) }
        return clusters[Int(g.code & ~Glyph.clusterFlag)]
    }

    public subscript(x: Int, y: Int) -> Cell {
        precondition(x >= 0 && x < width && y >= 0 && y < height, "cell out of range")
        let g = glyphs[y * width + x]
        return Cell(text: text(of: g), style: g.style)
    }

    /// Whether (`x`, `y`) is the right half of a wide character (cheaper than `self[x, y]`).
    public func isContinuation(x: Int, y: Int) -> Bool {
        precondition(x >= 0 && x < width && y >= 0 && y < height, "cell out of range")
        return glyphs[y * width + x].isContinuation
    }

    /// The style of (`x`, `y`) (cheaper than `self[x, y]`).
    public func style(x: Int, y: Int) -> Style {
        precondition(x >= 0 && x < width && y >= 0 && y < height, "cell out of range")
        return glyphs[y * width + x].style
    }

    /// The cell's text when it is one Unicode scalar; nil for a continuation or a longer cluster
    /// (read those with `self[x, y]`). Lets a backend draw most cells without making a `String`.
    public func scalar(x: Int, y: Int) -> Unicode.Scalar? {
        precondition(x >= 0 && x < width && y >= 0 && y < height, "cell out of range")
        let g = glyphs[y * width + x]
        return g.isScalar ? Unicode.Scalar(g.code) : nil
    }

    /// Writes one cell, repairing any wide character it would cut in half.
    private mutating func set(_ i: Int, _ x: Int, _ code: UInt32, _ style: Style) {
        // Overwriting the right half of a wide char: blank its left half.
        if glyphs[i].code == 0, x > 0 {
            glyphs[i - 1].code = Glyph.space
        }
        // Overwriting the left half of a wide char (with anything, the right half of another wide
        // char too): blank its right half.
        if x + 1 < width, glyphs[i + 1].code == 0 {
            glyphs[i + 1].code = Glyph.space
        }
        glyphs[i] = Glyph(code: code, style: style)
    }

    /// Draws `text` at (`x`, `y`), clipped to `maxWidth` columns (and to the canvas edge).
    /// Never splits a wide character: if one does not fit, the remaining column gets a space in
    /// `style`. Zero-width clusters are skipped. Returns the number of columns written.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, maxWidth: Int? = nil, style: Style = .normal) -> Int {
        guard y >= 0, y < height, x < width else { return 0 }
        var limit = width
        if let maxWidth { limit = min(limit, x + max(0, maxWidth)) }
        let base = y * width
        // All ASCII (most texts): a byte is a cluster (CR LF is one, but both are controls and
        // skipped either way), controls are 0 wide, the rest 1.
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            var col = x
            for b in text.utf8 {
                if col >= limit { break }
                if b < 0x20 || b == 0x7F { continue }
                if col >= 0 { set(base + col, col, UInt32(b), style) }
                col += 1
            }
            return max(0, col - max(x, 0))
        }
        var col = x
        TextWidth.forEachCluster(text) { start, end, scalar, w in
            if col >= limit { return false }
            if w == 0 { return true }
            if col + w > limit {
                // A wide char that does not fit: pad instead of splitting it.
                while col < limit {
                    if col >= 0 { set(base + col, col, Glyph.space, style) }
                    col += 1
                }
                return false
            }
            if col < 0 {
                // Clipped on the left; a wide char straddling column 0 becomes a space.
                if col + w > 0 { for c in 0..<(col + w) { set(base + c, c, Glyph.space, style) } }
                col += w
                return true
            }
            let code = scalar?.value ?? intern(String(text.utf8.dropFirst(start).prefix(end - start))!)
            set(base + col, col, code, style)
            if w == 2 { set(base + col + 1, col + 1, 0, style) }
            col += w
            return true
        }
        return max(0, col - max(x, 0))
    }

    /// Fills a rectangle with `char` (a 1-column character; anything else is treated as a space).
    public mutating func fill(x: Int = 0, y: Int, width w: Int, height h: Int = 1, char: Character = " ", style: Style) {
        let x0 = max(0, x), x1 = min(width, x + w)
        let y0 = max(0, y), y1 = min(height, y + h)
        guard x0 < x1, y0 < y1 else { return }
        let code = TextWidth.width(of: char) == 1 ? encode(String(char)) : Glyph.space
        let glyph = Glyph(code: code, style: style)
        for row in y0..<y1 {
            // Only the ends can cut a wide character that `set` would repair; the cells between
            // are overwritten whole.
            let base = row * width
            set(base + x0, x0, code, style)
            if x1 - 1 > x0 { set(base + x1 - 1, x1 - 1, code, style) }
            for col in (x0 + 1)..<max(x0 + 1, x1 - 1) { glyphs[base + col] = glyph }
        }
    }

    /// Whether cell `i` here and cell `j` in `other` hold the same style and the same text byte
    /// for byte. `String`'s `==` is not enough: canonically equivalent texts compare equal.
    private func sameCell(_ i: Int, _ other: Canvas, _ j: Int) -> Bool {
        let a = glyphs[i], b = other.glyphs[j]
        guard a.style == b.style else { return false }
        if a.code == b.code && a.code < Glyph.clusterFlag { return true }
        guard a.code >= Glyph.clusterFlag, b.code >= Glyph.clusterFlag else { return false }
        return text(of: a).utf8.elementsEqual(other.text(of: b).utf8)
    }

    /// Whether row `y` holds the same cells here and in `other`, byte for byte (false when the
    /// widths differ).
    public func rowEquals(_ other: Canvas, _ y: Int) -> Bool {
        guard other.width == width, y >= 0, y < height, y < other.height else { return false }
        for i in (y * width)..<(y * width + width) where !sameCell(i, other, i) { return false }
        return true
    }

    /// Same size, cursor and cells (texts compared byte for byte).
    public static func == (a: Canvas, b: Canvas) -> Bool {
        guard a.width == b.width, a.height == b.height, a.cursor == b.cursor else { return false }
        for i in a.glyphs.indices where !a.sameCell(i, b, i) { return false }
        return true
    }

    /// The plain text of each row (continuation cells contribute nothing).
    public func lines(trimTrailingSpaces: Bool = true) -> [String] {
        (0..<height).map { line($0, trimTrailingSpaces: trimTrailingSpaces) }
    }

    public func line(_ y: Int, trimTrailingSpaces: Bool = true) -> String {
        var s = String.UnicodeScalarView()
        for x in 0..<width {
            let g = glyphs[y * width + x]
            if g.isScalar {
                s.append(Unicode.Scalar(g.code)!)
            } else if g.code != 0 {
                s.append(contentsOf: text(of: g).unicodeScalars)
            }
        }
        var line = String(s)
        if trimTrailingSpaces {
            while line.last == " " { line.removeLast() }
        }
        return line
    }

    /// The styles of a row, one per column (continuation cells carry their wide char's style).
    public func styles(row y: Int) -> [Style] {
        (0..<width).map { glyphs[y * width + $0].style }
    }

    /// Calls `body(x, y, cell)` for every cell that starts a character (continuations skipped).
    public func forEachCell(_ body: (Int, Int, Cell) -> Void) {
        for y in 0..<height {
            for x in 0..<width {
                let g = glyphs[y * width + x]
                if !g.isContinuation { body(x, y, Cell(text: text(of: g), style: g.style)) }
            }
        }
    }
}
