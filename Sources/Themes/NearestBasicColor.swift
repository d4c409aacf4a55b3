/// Maps a 256-colour palette index to the nearest of the 8 basic colours, for themes (or roles)
/// without a `fallback8` entry on a terminal with fewer than 256 colours.
///
/// Rule (documented in themes/README.md), on the colours' xterm RGB values:
/// - 0-7 stay as they are;
/// - a grey-ish colour (max − min of r, g, b below 48) becomes black if the mean of r, g, b is
///   below 100, else white;
/// - any other colour goes to the basic colour nearest in RGB (smallest squared distance; a tie
///   goes to the lower number).
///
/// The xterm palette is used for both sides: the basic colours are black 0,0,0 · red 205,0,0 ·
/// green 0,205,0 · yellow 205,205,0 · blue 0,0,238 · magenta 205,0,205 · cyan 0,205,205 ·
/// white 229,229,229; 8-15 are the bright colours (127,127,127 · 255,0,0 · 0,255,0 ·
/// 255,255,0 · 92,92,255 · 255,0,255 · 0,255,255 · 255,255,255); 16-231 the 6×6×6 cube with
/// levels 0,95,135,175,215,255; 232-255 the greys 8, 18, … 238.
///
/// So bright-red → red, orange 208 → yellow, navy 18 → blue, mid grey 244 and bright-black →
/// white, dark grey 238 → black, steel blue 24 → cyan.
public enum NearestBasicColor {
    /// The xterm RGB values of the 8 basic colours.
    static let basicRGB: [(Int, Int, Int)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0),
        (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
    ]

    static let brightRGB: [(Int, Int, Int)] = [
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0),
        (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]

    static let cubeLevels = [0, 95, 135, 175, 215, 255]

    /// The xterm RGB value of palette index `index` (0-255).
    public static func rgb(_ index: Int) -> (r: Int, g: Int, b: Int) {
        precondition((0...255).contains(index), "palette index out of range")
        switch index {
        case 0..<8: return basicRGB[index]
        case 8..<16: return brightRGB[index - 8]
        case 16..<232:
            let c = index - 16
            return (cubeLevels[c / 36], cubeLevels[(c / 6) % 6], cubeLevels[c % 6])
        default:
            let v = 8 + (index - 232) * 10
            return (v, v, v)
        }
    }

    /// The basic colour (0-7) nearest to palette index `index` (0-255).
    public static func basic(for index: Int) -> Int {
        if (0..<8).contains(index) { return index }
        let (r, g, b) = rgb(index)
        if max(r, g, b) - min(r, g, b) < 48 {
            return (r + g + b) < 300 ? 0 : 7
        }
        var best = 0
        var bestDistance = Int.max
        for (i, c) in basicRGB.enumerated() {
            let d = (r - c.0) * (r - c.0) + (g - c.1) * (g - c.1) + (b - c.2) * (b - c.2)
            if d < bestDistance { best = i; bestDistance = d }
        }
        return best
    }

    /// `color` mapped to the basic colours (the terminal default stays the default).
    public static func map(_ color: ThemeColor) -> ThemeColor {
        switch color {
        case .terminalDefault: return .terminalDefault
        case .index(let i): return .index(basic(for: i))
        }
    }
}
