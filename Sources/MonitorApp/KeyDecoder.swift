import CNcurses
import Monitor

/// What the keyboard sent: a key, or the terminal telling us its size changed.
enum KeyEvent {
    case key(Key)
    case resize
    case mouse(Action)
    case ignored
}

/// Turns curses key codes and characters into `Key` values.
enum KeyDecoder {
    static func decode(_ code: UInt32, isKeyCode: Bool) -> KeyEvent {
        if isKeyCode {
            switch Int32(code) {
            case KEY_RESIZE: return .resize
            case KEY_MOUSE:
                var x: Int32 = 0, y: Int32 = 0
                switch sitmon_read_mouse(&x, &y) {
                case 1: return .mouse(.click(x: Int(x), y: Int(y)))
                case 2: return .mouse(.wheel(-3))
                case 3: return .mouse(.wheel(3))
                default: return .ignored
                }
            case KEY_UP: return .key(.up)
            case KEY_DOWN: return .key(.down)
            case KEY_LEFT: return .key(.left)
            case KEY_RIGHT: return .key(.right)
            case KEY_NPAGE: return .key(.pageDown)
            case KEY_PPAGE: return .key(.pageUp)
            case KEY_HOME: return .key(.home)
            case KEY_END: return .key(.end)
            case KEY_ENTER: return .key(.enter)
            case KEY_BTAB: return .key(.backTab)
            case KEY_BACKSPACE: return .key(.backspace)
            default:
                if Int32(code) >= KEY_F0 && Int32(code) <= KEY_F0 + 63 { return .key(.function(Int(Int32(code) - KEY_F0))) }
                return .ignored
            }
        }
        switch code {
        case 9: return .key(.tab)
        case 10, 13: return .key(.enter)
        case 27: return .key(.escape)
        case 8, 127: return .key(.backspace)
        case 1...26:
            return .key(.ctrl(Character(Unicode.Scalar(code + 96) ?? "?")))
        default:
            guard let scalar = Unicode.Scalar(code) else { return .ignored }
            return .key(.char(Character(scalar)))
        }
    }
}
