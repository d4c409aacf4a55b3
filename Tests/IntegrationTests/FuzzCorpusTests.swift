import Foundation
import TestSupport
import Testing

/// The fuzz targets' properties hold on every committed seed (Tests/fuzz/corpus/NAME, including
/// inputs that once broke one): a plain build of `skydash-fuzz` replays them all in well under a
/// second. The long runs are `scripts/fuzz NAME SECONDS` (README "Security").
@Suite struct FuzzCorpusTests {
    static var fuzz: URL {
        let beside = Paths.skydash.deletingLastPathComponent().appendingPathComponent("skydash-fuzz")
        return FileManager.default.isExecutableFile(atPath: beside.path) ? beside : repositoryRoot.appendingPathComponent(".build/debug/skydash-fuzz")
    }

    @Test func everyTargetHoldsOnItsSeedCorpus() throws {
        let corpus = repositoryRoot.appendingPathComponent("Tests/fuzz/corpus")
        let child = try ChildProcess(executable: Self.fuzz, arguments: ["all", corpus.path])
        child.closeStdin()
        #expect(child.waitExit(timeout: 60) == 0, "\(child.stderr)")
        let folders = try FileManager.default.contentsOfDirectory(atPath: corpus.path).sorted()
        let replayed = child.lines.compactMap { line -> String? in
            let parts = line.split(separator: ":")
            guard parts.count == 2, let n = Int(parts[1].split(separator: " ").first ?? ""), n > 0 else { return nil }
            return String(parts[0])
        }.sorted()
        #expect(replayed == folders, "targets replayed \(replayed), corpus folders \(folders)")
    }

    @Test func anUnknownTargetIsAUsageError() throws {
        let child = try ChildProcess(executable: Self.fuzz, arguments: ["nosuch", "/dev/null"])
        child.closeStdin()
        #expect(child.waitExit(timeout: 20) == 2)
        #expect(child.stderr.contains("frames handshake notifications loglines themes config sanitizers envelope"))
    }
}
