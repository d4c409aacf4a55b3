import ConfigFile
import Themes

/// `themes`: theme file text through `Theme(parsing:)` (ThemeParser); `config`: config file text through
/// `ConfigFile.parse`. Both check that an error names a line inside the file, and the config that
/// every value read is one of its keys with the line it came from.
enum ThemeFuzzing {
    static func run(_ input: [UInt8]) {
        let text = String(decoding: input, as: UTF8.self)
        do {
            _ = try Theme(parsing: text, file: "fuzz.toml")
        } catch let error as ThemeError {
            if let line = error.line { precondition(ParserLines.inside(line, text), "theme error on line \(line) outside the file: \(error)") }
            _ = error.description
        } catch {
            preconditionFailure("Theme(parsing:) threw something else than a ThemeError: \(error)")
        }
    }
}

enum ConfigFuzzing {
    static func run(_ input: [UInt8]) {
        let text = String(decoding: input, as: UTF8.self)
        do {
            let config = try ConfigFile.parse(text, file: "fuzz.toml")
            let names = Set(ConfigFile.keys.map(\.name))
            for (key, _) in config.values {
                precondition(names.contains(key), "config accepted unknown key \(key)")
                if let line = config.lines[key] { precondition(ParserLines.inside(line, text), "key \(key) on line \(line) outside the file") }
            }
        } catch {
            if let line = error.line { precondition(ParserLines.inside(line, text), "config error on line \(line) outside the file: \(error)") }
            _ = error.description
        }
    }
}

enum ParserLines {
    /// 1-based `line` is a line of `text` (a line break of any kind counts, as TOML parsers may).
    static func inside(_ line: Int, _ text: String) -> Bool {
        line >= 1 && line <= text.utf8.count(where: { $0 == 0x0A || $0 == 0x0D }) + 1
    }
}
