import Foundation

/// A fresh directory under the system's temporary directory, removed (with everything in it, even
/// files a test made unwritable) by `remove()` or, at the latest, when the last reference goes.
public final class TempDir: @unchecked Sendable {
    public let url: URL
    public var path: String { url.path }

    public init(_ prefix: String = "skydash-test") throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { remove() }

    /// The path of `name` (may hold slashes) in this directory.
    public func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    /// Writes `text` to `name` in this directory, making its folders, and returns its path.
    @discardableResult
    public func write(_ name: String, _ text: String) throws -> String {
        let file = url.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: file)
        return file.path
    }

    public func remove() {
        Self.makeWritable(path)
        try? FileManager.default.removeItem(at: url)
    }

    /// Gives back the permissions a test may have taken from its folders, so removal works.
    private static func makeWritable(_ directory: String) {
        _ = chmod(directory, 0o700)
        for item in (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [] {
            var isDirectory: ObjCBool = false
            let child = directory + "/" + item
            if FileManager.default.fileExists(atPath: child, isDirectory: &isDirectory), isDirectory.boolValue {
                makeWritable(child)
            }
        }
    }
}
