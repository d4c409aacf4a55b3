/// How many colours the terminal has, as far as themes care (ncurses' `COLORS`, or 0 when
/// `has_colors()` is false).
public enum ColorMode: Sendable, Hashable {
    /// 256 colours or more: `[roles]` as written.
    case colors256
    /// 8 to 255 colours: `[fallback8]`, else `[roles]` mapped to the nearest basic colour.
    case colors8
    /// Fewer than 8 colours (none): attributes only.
    case monochrome

    public init(colorCount: Int) {
        if colorCount >= 256 {
            self = .colors256
        } else if colorCount >= 8 {
            self = .colors8
        } else {
            self = .monochrome
        }
    }
}
