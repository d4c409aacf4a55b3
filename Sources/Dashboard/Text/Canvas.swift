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
public struct Canvas: Sendable, Equatable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]
    /// Where a backend should place the terminal cursor (e.g. the composer), or nil to hide it.
    public var cursor: Position?

    public init(width: Int, height: Int, fill: Cell = .blank) {
        self.width = max(0, width)
        self.height = max(0, height)
        self.cells = Array(repeating: fill, count: self.width * self.height)
        self.cursor = nil
    }

    public subscript(x: Int, y: Int) -> Cell {
        precondition(x >= 0 && x < width && y >= 0 && y < height, "cell out of range")
        return cells[y * width + x]
    }

    /// Writes one cell, repairing any wide character it would cut in half.
    private mutating func set(_ x: Int, _ y: Int, _ cell: Cell) {
        let i = y * width + x
        // Overwriting the right half of a wide char: blank its left half.
        if cells[i].isContinuation, x > 0 {
            cells[i - 1] = Cell(text: " ", style: cells[i - 1].style)
        }
        // Overwriting the left half of a wide char (with anything, the right half of another wide
        // char too): blank its right half.
        if x + 1 < width, cells[i + 1].isContinuation {
            cells[i + 1] = Cell(text: " ", style: cells[i + 1].style)
        }
        cells[i] = cell
    }

    /// Draws `text` at (`x`, `y`), clipped to `maxWidth` columns (and to the canvas edge).
    /// Never splits a wide character: if one does not fit, the remaining column gets a space in
    /// `style`. Zero-width clusters are skipped. Returns the number of columns written.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, maxWidth: Int? = nil, style: Style = .normal) -> Int {
        guard y >= 0, y < height, x < width else { return 0 }
        var limit = width
        if let maxWidth { limit = min(limit, x + max(0, maxWidth)) }
        var col = x
        for ch in text {
            if col >= limit { break }
            let w = TextWidth.width(of: ch)
            if w == 0 { continue }
            if col + w > limit {
                // A wide char that does not fit: pad instead of splitting it.
                while col < limit {
                    if col >= 0 { set(col, y, Cell(text: " ", style: style)) }
                    col += 1
                }
                break
            }
            if col < 0 {
                // Clipped on the left; a wide char straddling column 0 becomes a space.
                if col + w > 0 { for c in 0..<(col + w) { set(c, y, Cell(text: " ", style: style)) } }
                col += w
                continue
            }
            set(col, y, Cell(text: String(ch), style: style))
            if w == 2 { set(col + 1, y, Cell(text: "", style: style)) }
            col += w
        }
        return max(0, col - max(x, 0))
    }

    /// Fills a rectangle with `char` (a 1-column character; anything else is treated as a space).
    public mutating func fill(x: Int = 0, y: Int, width w: Int, height h: Int = 1, char: Character = " ", style: Style) {
        let ch = TextWidth.width(of: char) == 1 ? String(char) : " "
        let x0 = max(0, x), x1 = min(width, x + w)
        let y0 = max(0, y), y1 = min(height, y + h)
        guard x0 < x1, y0 < y1 else { return }
        let cell = Cell(text: ch, style: style)
        for row in y0..<y1 {
            // Only the ends can cut a wide character that `set` would repair; the cells between
            // are overwritten whole.
            set(x0, row, cell)
            if x1 - 1 > x0 { set(x1 - 1, row, cell) }
            let base = row * width
            for col in (x0 + 1)..<max(x0 + 1, x1 - 1) { cells[base + col] = cell }
        }
    }

    /// Whether row `y` holds the same cells here and in `other`, byte for byte (false when the
    /// widths differ). `String`'s `==` is not enough: canonically equivalent texts compare equal.
    public func rowEquals(_ other: Canvas, _ y: Int) -> Bool {
        guard other.width == width, y >= 0, y < height, y < other.height else { return false }
        for i in (y * width)..<(y * width + width) {
            let a = cells[i], b = other.cells[i]
            guard a.style == b.style, a.text.utf8.elementsEqual(b.text.utf8) else { return false }
        }
        return true
    }

    /// The plain text of each row (continuation cells contribute nothing).
    public func lines(trimTrailingSpaces: Bool = true) -> [String] {
        (0..<height).map { line($0, trimTrailingSpaces: trimTrailingSpaces) }
    }

    public func line(_ y: Int, trimTrailingSpaces: Bool = true) -> String {
        var s = ""
        for x in 0..<width { s += cells[y * width + x].text }
        if trimTrailingSpaces {
            while s.last == " " { s.removeLast() }
        }
        return s
    }

    /// The styles of a row, one per column (continuation cells carry their wide char's style).
    public func styles(row y: Int) -> [Style] {
        (0..<width).map { cells[y * width + $0].style }
    }

    /// Calls `body(x, y, cell)` for every cell that starts a character (continuations skipped).
    public func forEachCell(_ body: (Int, Int, Cell) -> Void) {
        for y in 0..<height {
            for x in 0..<width {
                let c = cells[y * width + x]
                if !c.isContinuation { body(x, y, c) }
            }
        }
    }
}
