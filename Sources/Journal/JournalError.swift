import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A file-system failure, naming the path and the system's reason:
/// `journal: cannot open /ro/x.jsonl: Read-only file system`.
public struct JournalError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file or directory concerned.
    public var path: String
    /// The `errno` value.
    public var code: Int32
    /// The whole one-line message.
    public var description: String

    init(_ prefix: String?, _ verb: String, _ path: String, _ code: Int32) {
        self.path = path
        self.code = code
        let reason = String(cString: strerror(code))
        self.description = (prefix.map { $0 + ": " } ?? "") + "cannot \(verb) \(path): \(reason)"
    }

    /// A journal file or folder that is not safe to write: `journal: refusing PATH: why`.
    init(refusing path: String, _ why: String) {
        self.path = path
        self.code = EPERM
        self.description = "journal: refusing \(path): \(why)"
    }
}

/// The few system calls the module makes, module-qualified so that methods named `open`, `read`,
/// `close` cannot shadow them.
enum Sys {
    static func open(_ path: String, _ flags: Int32, _ mode: mode_t = 0) -> Int32 {
        #if canImport(Glibc)
        Glibc.open(path, flags, mode)
        #elseif canImport(Musl)
        Musl.open(path, flags, mode)
        #else
        Darwin.open(path, flags, mode)
        #endif
    }

    static func read(_ fd: Int32, _ buf: UnsafeMutableRawPointer?, _ count: Int) -> Int {
        #if canImport(Glibc)
        Glibc.read(fd, buf, count)
        #elseif canImport(Musl)
        Musl.read(fd, buf, count)
        #else
        Darwin.read(fd, buf, count)
        #endif
    }

    static func write(_ fd: Int32, _ buf: UnsafeRawPointer?, _ count: Int) -> Int {
        #if canImport(Glibc)
        Glibc.write(fd, buf, count)
        #elseif canImport(Musl)
        Musl.write(fd, buf, count)
        #else
        Darwin.write(fd, buf, count)
        #endif
    }

    static func close(_ fd: Int32) -> Int32 {
        #if canImport(Glibc)
        Glibc.close(fd)
        #elseif canImport(Musl)
        Musl.close(fd)
        #else
        Darwin.close(fd)
        #endif
    }
}
