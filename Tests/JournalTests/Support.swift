import Foundation
import Journal

/// 2026-11-26T11:00:05.000+08:00
let at0 = Date(timeIntervalSince1970: 1_795_662_005)
let shanghai = TimeZone(secondsFromGMT: 8 * 3600)!

/// Reads a whole text through a fresh reader.
func readAll(_ text: String) -> [LogLineResult] {
    var r = LogReader()
    return r.feed(Array(text.utf8)) + r.finish()
}

func records(_ entries: [LogLineResult]) -> [LogRecord] {
    entries.compactMap { try? $0.get() }
}

func errors(_ entries: [LogLineResult]) -> [String] {
    entries.compactMap { if case .failure(let e) = $0 { return e.description } else { return nil } }
}

/// The permission bits of a file.
func mode(_ path: String) -> Int? {
    var st = stat()
    guard stat(path, &st) == 0 else { return nil }
    return Int(st.st_mode & 0o777)
}

/// The file's text.
func contents(_ path: String) -> String? {
    FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
}
