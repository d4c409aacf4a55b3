import CNcursesw
import Dashboard

/// Turns what `wget_wch` returned into a dashboard key (nil for keys the dashboard ignores).
/// `isFunctionKey` is true when ncurses returned KEY_CODE_YES (a KEY_* code in `code`).
func decodeKey(code: UInt32, isFunctionKey: Bool) -> Key? {
    if isFunctionKey {
        switch Int32(code) {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case KEY_HOME: return .home
        case KEY_END: return .end
        case KEY_ENTER: return .enter
        case KEY_BACKSPACE: return .backspace
        case KEY_DC: return .delete
        default: return nil
        }
    }
    switch code {
    case 0x0A, 0x0D: return .enter
    case 0x1B: return .escape
    case 0x08, 0x7F: return .backspace
    case 0x09: return .tab
    case 0x01...0x1A:
        return .ctrl(Character(Unicode.Scalar(UInt8(code) + 0x60)))
    default:
        guard let scalar = Unicode.Scalar(code), code >= 0x20 else { return nil }
        return .char(Character(scalar))
    }
}
