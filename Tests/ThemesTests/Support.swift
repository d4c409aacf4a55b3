import Foundation
@testable import Themes

/// `path` relative to the directory `base` (both absolute), with `..` where they part.
func relativePath(to path: String, from base: String) -> String {
    let to = URL(fileURLWithPath: path).standardizedFileURL.pathComponents
    let from = URL(fileURLWithPath: base).standardizedFileURL.pathComponents
    let common = zip(to, from).prefix { $0 == $1 }.count
    return (Array(repeating: "..", count: from.count - common) + to.dropFirst(common)).joined(separator: "/")
}

func write(_ text: String, to url: URL) throws {
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try text.write(to: url, atomically: true, encoding: .utf8)
}

/// The message a theme text fails with, or a note that it did not fail.
func parseError(_ text: String, file: String = "themes/bad.toml") -> String {
    do {
        _ = try Theme(parsing: text, file: file)
        return "(no error)"
    } catch {
        return String(describing: error)
    }
}

func themeError(_ text: String, file: String = "themes/bad.toml") -> ThemeError? {
    do {
        _ = try Theme(parsing: text, file: file)
        return nil
    } catch {
        return error as? ThemeError
    }
}
