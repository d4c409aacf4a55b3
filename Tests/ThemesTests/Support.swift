import Foundation
import XCTest
@testable import Themes

/// The repo root (this file is Tests/ThemesTests/Support.swift).
let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// A fresh temporary directory, removed when the test ends.
func makeTemporaryDirectory(_ test: XCTestCase) throws -> URL {
    let dir = FileManager.default.temporaryDirectory
        .appendingPathComponent("skydash-themes-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    test.addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
    return dir
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
