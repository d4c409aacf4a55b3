import DemoBackend
import Testing
@testable import Dashboard

/// Every wide cell is followed by its continuation; no continuation without a wide cell before
/// it; no cell holds a control character or more than one cluster.
func checkInvariants(_ c: Canvas, sourceLocation: SourceLocation = #_sourceLocation) {
    for y in 0..<c.height {
        var x = 0
        while x < c.width {
            let cell = c[x, y]
            #expect(!cell.isContinuation, "orphan continuation at \(x),\(y)", sourceLocation: sourceLocation)
            #expect(cell.text.count == 1, "cell \(x),\(y) holds \(cell.text.count) clusters", sourceLocation: sourceLocation)
            #expect(!cell.text.unicodeScalars.contains { $0.value < 0x20 || ($0.value >= 0x7F && $0.value <= 0x9F) },
                    "control in cell \(x),\(y)", sourceLocation: sourceLocation)
            let w = TextWidth.width(cell.text)
            #expect(w == 1 || w == 2, sourceLocation: sourceLocation)
            if w == 2 {
                #expect(x + 1 < c.width && c[x + 1, y].isContinuation, "wide char without continuation at \(x),\(y)",
                        sourceLocation: sourceLocation)
                x += 2
            } else {
                x += 1
            }
        }
    }
}

@Suite struct CanvasTests {
    @Test func putClipsByDisplayWidth() {
        var c = Canvas(width: 10, height: 2)
        let n = c.put("订单号: 123", x: 0, y: 0, maxWidth: 7, style: Style(.newOrder))
        #expect(n == 7)
        #expect(c.lines() == ["订单号:", ""])
        #expect(c[6, 0].text == ":")
        #expect(c[1, 0].isContinuation)
        checkInvariants(c)
    }

    @Test func wideCharThatDoesNotFitIsPadded() {
        var c = Canvas(width: 10, height: 1)
        c.fill(y: 0, width: 10, char: "x", style: .normal)
        let n = c.put("ab订", x: 0, y: 0, maxWidth: 3, style: Style(.reminder))
        #expect(n == 3)
        #expect(c.lines() == ["ab xxxxxxx"])
        #expect(c[2, 0].style.role == .reminder)
        // and at the right edge of the canvas
        var d = Canvas(width: 5, height: 1)
        d.put("abcd订", x: 0, y: 0, style: .normal)
        #expect(d.lines(trimTrailingSpaces: false) == ["abcd "])
        checkInvariants(c)
        checkInvariants(d)
    }

    @Test func overwritingHalfAWideCharRepairsIt() {
        var c = Canvas(width: 6, height: 1)
        c.put("订单号", x: 0, y: 0)
        c.put("x", x: 1, y: 0)           // right half of 订
        #expect(c.lines() == [" x单号"])
        c.put("y", x: 2, y: 0)           // left half of 单
        #expect(c.lines() == [" xy 号"])
        checkInvariants(c)
    }

    @Test func zeroWidthClustersAreSkipped() {
        var c = Canvas(width: 8, height: 1)
        c.put("\u{301}a\u{1B}b\u{7}c", x: 0, y: 0)
        #expect(c.lines() == ["abc"])
        c.put("e\u{301}", x: 4, y: 0)
        #expect(c[4, 0].text == "e\u{301}")
        checkInvariants(c)
    }

    @Test func cellIterationSkipsContinuations() {
        var c = Canvas(width: 8, height: 1)
        c.put("ab", x: 0, y: 0, style: Style(.header))
        c.put("订", x: 2, y: 0, style: Style(.error, .bold))
        var visited: [(Int, String, Style)] = []
        c.forEachCell { x, _, cell in visited.append((x, cell.text, cell.style)) }
        #expect(visited.count == 7)   // 8 columns, one continuation skipped
        #expect(visited.map(\.0) == [0, 1, 2, 4, 5, 6, 7])
        #expect(visited[2].1 == "订")
        #expect(visited[2].2 == Style(.error, .bold))
    }

    @Test func fillAndLines() {
        var c = Canvas(width: 4, height: 2)
        c.fill(x: 1, y: 1, width: 2, char: "-", style: Style(.border))
        #expect(c.lines() == ["", " --"])
        #expect(c.lines(trimTrailingSpaces: false) == ["    ", " -- "])
        #expect(c.styles(row: 1)[1].role == .border)
    }

    @Test func rowEqualsComparesCellsByteForByte() {
        var a = Canvas(width: 6, height: 3)
        a.put("ab中", x: 0, y: 0)
        a.put("é", x: 0, y: 1)                       // precomposed U+00E9
        var b = a
        #expect((0..<3).allSatisfy { a.rowEquals(b, $0) })
        b.put("x", x: 5, y: 0)
        #expect(!a.rowEquals(b, 0) && a.rowEquals(b, 1) && a.rowEquals(b, 2))
        b = a
        b.put("e\u{301}", x: 0, y: 1)               // canonically equal, other bytes: a change
        #expect(!a.rowEquals(b, 1))
        b = a
        b.put("é", x: 0, y: 1, style: Style(.error))   // same text, other style
        #expect(!a.rowEquals(b, 1))
        #expect(!a.rowEquals(Canvas(width: 5, height: 3), 2))
        #expect(!a.rowEquals(b, 3))
    }

    @Test func fillGivesTheSameCellsAsPuttingEachCell() {
        // Random rows of narrow and wide characters, then random fills: the same canvas as a
        // one-cell put at every column of the rectangle (each repairing the wide chars it cuts).
        var rng = SplitMix64(seed: 11)
        let texts = ["ab", "中文", "x中y", "🍜", "e\u{301}", " ", "好好好好"]
        for _ in 0..<300 {
            let w = Int.random(in: 1...12, using: &rng), h = Int.random(in: 1...3, using: &rng)
            var canvas = Canvas(width: w, height: h)
            for _ in 0..<6 {
                canvas.put(texts.randomElement(using: &rng)!, x: Int.random(in: -1...w, using: &rng),
                           y: Int.random(in: 0..<h, using: &rng), style: Style(.newOrder))
            }
            let x = Int.random(in: -2...w, using: &rng), y = Int.random(in: -1...h, using: &rng)
            let fw = Int.random(in: 0...w + 2, using: &rng), fh = Int.random(in: 0...2, using: &rng)
            var filled = canvas
            filled.fill(x: x, y: y, width: fw, height: fh, char: "-", style: Style(.border))
            var reference = canvas
            for row in max(0, y)..<max(max(0, y), min(h, y + fh)) {
                for col in max(0, x)..<max(max(0, x), min(w, x + fw)) {
                    reference.put("-", x: col, y: row, maxWidth: 1, style: Style(.border))
                }
            }
            #expect(filled == reference, "\(w)x\(h) fill \(x),\(y) \(fw)x\(fh)")
            checkInvariants(filled)
        }
    }

    @Test func aWideCharOverlappingAnotherByOneColumnBlanksItsRightHalf() {
        // 中 at 3-4, then 文 at 2-3: the continuation at 4 has lost its wide char and becomes a space
        // (it stayed a continuation, an orphan a backend would skip).
        var c = Canvas(width: 6, height: 1)
        c.put("中", x: 3, y: 0)
        c.put("文", x: 2, y: 0)
        checkInvariants(c)
        #expect(c.line(0, trimTrailingSpaces: false) == "  文  ")
        #expect(!c[4, 0].isContinuation)
    }

    @Test func aNulCellIsNotAContinuation() {
        // Code 0 marks a continuation; a cell holding U+0000 must not become one.
        var c = Canvas(width: 3, height: 1, fill: Cell(text: "\u{0}", style: .normal))
        #expect(!c[0, 0].isContinuation && !c[2, 0].isContinuation)
        #expect(c[1, 0].text == "\u{0}")
        c.put("中", x: 0, y: 0)
        #expect(c[1, 0].isContinuation && !c[2, 0].isContinuation)
        #expect(c[2, 0].text == "\u{0}")
    }

    @Test func asciiTextDrawsLikeTheClusterWalk() {
        // All-ASCII text takes a byte-per-cell path; a zero-width U+200B (a cluster of its own)
        // sends the same text through the cluster walk. Same cells, same count, over random
        // texts with controls and CR LF, positions off both edges and widths.
        var rng = SplitMix64(seed: 11)
        let pieces = ["a", "b", " ", "~", "\r\n", "\r", "\n", "\u{1B}", "\u{7F}", "\t", "xyz"]
        for _ in 0..<500 {
            let w = Int.random(in: 1...10, using: &rng)
            var base = Canvas(width: w, height: 1)
            base.put("中文中文中", x: Int.random(in: -1...w, using: &rng), y: 0, style: Style(.newOrder))
            let text = (0..<Int.random(in: 0...6, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
            let x = Int.random(in: -3...w, using: &rng)
            let maxWidth: Int? = Bool.random(using: &rng) ? nil : Int.random(in: 0...w + 2, using: &rng)
            var fast = base, walked = base
            let n = fast.put(text, x: x, y: 0, maxWidth: maxWidth, style: Style(.error))
            let m = walked.put(text + "\u{200B}", x: x, y: 0, maxWidth: maxWidth, style: Style(.error))
            #expect(n == m && fast == walked, "\(text.debugDescription) at \(x) in \(w), max \(String(describing: maxWidth))")
            checkInvariants(fast)
        }
    }

    @Test func clustersOfSeveralScalarsKeepTheirText() {
        let family = "👨\u{200D}👩\u{200D}👧", flag = "🇨🇳", accented = "e\u{301}"
        var a = Canvas(width: 10, height: 2)
        a.put(family + flag + "a", x: 0, y: 0, style: Style(.header))
        a.put(accented + "中", x: 0, y: 1, style: Style(.error))
        #expect(a[0, 0].text == family && a[1, 0].isContinuation && a[2, 0].text == flag && a[4, 0].text == "a")
        #expect(a[0, 1].text == accented && a[1, 1].text == "中")
        #expect(a.scalar(x: 0, y: 0) == nil && a.scalar(x: 0, y: 1) == nil && a.scalar(x: 1, y: 0) == nil)
        #expect(a.scalar(x: 4, y: 0) == "a" && a.scalar(x: 1, y: 1) == "中")
        for y in 0..<2 {
            for x in 0..<10 {
                #expect(a.isContinuation(x: x, y: y) == a[x, y].isContinuation && a.style(x: x, y: y) == a[x, y].style)
            }
        }
        #expect(a.lines() == [family + flag + "a", accented + "中"])
        // The same clusters drawn in another order (other places in the canvas's table): equal.
        var b = Canvas(width: 10, height: 2)
        b.put(accented + "中", x: 0, y: 1, style: Style(.error))
        b.put("x" + family, x: 0, y: 0, style: Style(.header))
        b.put(family + flag + "a", x: 0, y: 0, style: Style(.header))
        #expect(a == b && a.rowEquals(b, 0) && a.rowEquals(b, 1))
        // Canonically equivalent but other bytes: not equal.
        b.put("\u{E9}", x: 0, y: 1, style: Style(.error))
        #expect(a != b && !a.rowEquals(b, 1))
        checkInvariants(a)
        checkInvariants(b)
    }
}
