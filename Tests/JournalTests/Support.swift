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

/// A fresh directory under the system's temporary directory, removed on deinit.
final class TempDir {
    let path: String

    init() throws {
        let base = FileManager.default.temporaryDirectory.path
        path = base + "/skydash-journal-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
    }

    deinit {
        // Restore permissions a test may have taken away, so removal works.
        _ = chmodTree(path)
        try? FileManager.default.removeItem(atPath: path)
    }

    private func chmodTree(_ p: String) -> Bool {
        _ = chmod(p, 0o700)
        guard let items = try? FileManager.default.contentsOfDirectory(atPath: p) else { return true }
        for i in items {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: p + "/" + i, isDirectory: &isDir), isDir.boolValue {
                _ = chmodTree(p + "/" + i)
            }
        }
        return true
    }
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
