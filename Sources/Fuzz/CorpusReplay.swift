#if !FUZZING
import Foundation

/// Without libFuzzer (a plain `swift build`), `skydash-fuzz NAME PATH…` runs the target once on
/// each file, and on each file of each folder, given: the seed corpus and any crash file reproduce
/// under the debugger. `skydash-fuzz all CORPUS_ROOT` replays CORPUS_ROOT/NAME for every target
/// (the tests do this). Prints `NAME: N inputs` per target; exit 1 when a target has no input.
@main
struct CorpusReplay {
    static func main() {
        let args = Array(CommandLine.arguments.dropFirst())
        guard let name = args.first, args.count >= 2 else { usage() }
        if name == "all" {
            for target in FuzzTargets.all {
                let n = replay(target.run, [args[1] + "/" + target.name])
                print("\(target.name): \(n) inputs")
                if n == 0 { exit(1) }
            }
            return
        }
        guard let target = FuzzTargets.named(name) else { usage() }
        print("\(name): \(replay(target, Array(args.dropFirst()))) inputs")
    }

    static func replay(_ target: @Sendable ([UInt8]) -> Void, _ paths: [String]) -> Int {
        var count = 0
        for path in paths {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
                FileHandle.standardError.write(Data("skydash-fuzz: no such file or folder: \(path)\n".utf8))
                exit(1)
            }
            let files = isFolder.boolValue
                ? ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted().map { path + "/" + $0 }
                : [path]
            for file in files {
                guard let data = FileManager.default.contents(atPath: file) else { continue }
                if !data.isEmpty { target([UInt8](data)); count += 1 }
            }
        }
        return count
    }

    static func usage() -> Never {
        FileHandle.standardError.write(Data("usage: skydash-fuzz NAME FILE|FOLDER… | skydash-fuzz all CORPUS_ROOT (NAME: \(FuzzTargets.names))\n".utf8))
        exit(2)
    }
}
#endif
