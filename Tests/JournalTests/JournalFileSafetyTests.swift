import Foundation
import TestSupport
import Testing
import Journal
import Notifications
import Session

private func message(_ s: String) -> TimedEvent {
    TimedEvent(at: at0, event: .message(NotificationDecoder.decode(s)))
}

private func permissions(_ path: String) -> Int {
    ((try? FileManager.default.attributesOfItem(atPath: path))?[.posixPermissions] as? Int) ?? -1
}

/// Another account cannot read the journal, redirect it through a symlink, or swap it.
@Suite("Journal file safety")
struct JournalFileSafetyTests {
    /// A symlink planted at the predictable daily name is refused, not followed: its target is untouched.
    @Test func symlinkAtTheDailyPathIsRefused() throws {
        let tmp = try TempDir()
        let dir = tmp.path + "/skydash"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        let target = tmp.path + "/victim.txt"
        try Data("precious\n".utf8).write(to: URL(fileURLWithPath: target))
        let w = JournalWriter(.daily(directory: dir), timeZone: shanghai)
        let planted = w.path(for: at0)
        try FileManager.default.createSymbolicLink(atPath: planted, withDestinationPath: target)
        #expect(throws: JournalError.self) { try w.prepare(at: at0) }
        let e = JournalWriter(.daily(directory: dir), timeZone: shanghai).append(message("a"))
        #expect(e?.description == "journal: refusing \(planted): it is a symbolic link (the journal is never written through a link)")
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "precious\n")
    }

    /// An existing journal others may read (0644) is narrowed to 0600 and appended to.
    @Test func readableExistingJournalIsMadePrivate() throws {
        let tmp = try TempDir()
        let file = tmp.path + "/j.jsonl"
        #expect(FileManager.default.createFile(atPath: file, contents: Data(), attributes: [.posixPermissions: 0o644]))
        #expect(permissions(file) == 0o644)
        let w = JournalWriter(.file(path: file), timeZone: shanghai)
        #expect(w.append(message("a")) == nil)
        try w.close()
        #expect(permissions(file) == 0o600)
        #expect(records(try LogReader.read(path: file)).count == 1)
    }

    /// A journal anyone may write (0666) is refused: someone else could have written into it.
    @Test func worldWritableExistingJournalIsRefused() throws {
        let tmp = try TempDir()
        let file = tmp.path + "/j.jsonl"
        #expect(FileManager.default.createFile(atPath: file, contents: Data(), attributes: [.posixPermissions: 0o666]))
        _ = chmod(file, 0o666)
        let e = JournalWriter(.file(path: file), timeZone: shanghai).append(message("a"))
        #expect(e?.description == "journal: refusing \(file): it is group- or world-writable (mode 0666); fix with chmod 600")
        #expect((try? Data(contentsOf: URL(fileURLWithPath: file)))?.isEmpty == true)
    }

    /// A world-writable (not sticky) folder is refused.
    @Test func worldWritableFolderIsRefused() throws {
        let tmp = try TempDir()
        let dir = tmp.path + "/open"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: false)
        _ = chmod(dir, 0o777)
        let daily = JournalWriter(.daily(directory: dir), timeZone: shanghai)
        #expect(daily.append(message("a"))?.description
                == "journal: refusing \(dir): the folder is group- or world-writable (mode 0777); fix with chmod 700")
        let explicit = JournalWriter(.file(path: dir + "/j.jsonl"), timeZone: shanghai)
        #expect(explicit.append(message("a"))?.description.hasPrefix("journal: refusing \(dir): the folder is group- or world-writable") == true)
        #expect(!FileManager.default.fileExists(atPath: dir + "/j.jsonl"))
    }

    /// A folder that is a symlink is refused.
    @Test func symlinkedFolderIsRefused() throws {
        let tmp = try TempDir()
        let real = tmp.path + "/real"
        try FileManager.default.createDirectory(atPath: real, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        let link = tmp.path + "/skydash"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: real)
        let e = JournalWriter(.daily(directory: link), timeZone: shanghai).append(message("a"))
        #expect(e?.description == "journal: refusing \(link): the folder is a symbolic link")
        #expect(try FileManager.default.contentsOfDirectory(atPath: real).isEmpty)
    }

    /// `--journal PATH` in folders that do not exist yet: they are created 0700.
    @Test func missingFoldersOfAnExplicitJournalAreCreatedPrivate() throws {
        let tmp = try TempDir()
        let file = tmp.path + "/a/b/j.jsonl"
        let w = JournalWriter(.file(path: file), timeZone: shanghai)
        try w.prepare(at: at0)
        #expect(w.append(message("a")) == nil)
        try w.close()
        #expect(permissions(tmp.path + "/a") == 0o700)
        #expect(permissions(tmp.path + "/a/b") == 0o700)
        #expect(permissions(file) == 0o600)
    }

    /// Another user's journal or folder is refused (needs root to make one).
    @Test(.enabled(if: geteuid() == 0, "only root can give a file to another user"))
    func anotherUsersJournalOrFolderIsRefused() throws {
        let tmp = try TempDir()
        let file = tmp.path + "/j.jsonl"
        #expect(FileManager.default.createFile(atPath: file, contents: Data(), attributes: [.posixPermissions: 0o600]))
        #expect(chown(file, 65534, 65534) == 0)
        #expect(JournalWriter(.file(path: file), timeZone: shanghai).append(message("a"))?.description
                == "journal: refusing \(file): it belongs to another user (uid 65534)")
        let dir = tmp.path + "/theirs"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        #expect(chown(dir, 65534, 65534) == 0)
        #expect(JournalWriter(.daily(directory: dir), timeZone: shanghai).append(message("a"))?.description
                == "journal: refusing \(dir): the folder belongs to another user (uid 65534)")
    }
}
