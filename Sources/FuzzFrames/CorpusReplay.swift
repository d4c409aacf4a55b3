#if !FUZZING
import Foundation

/// Without libFuzzer (a plain `swift build`), the target runs each file named on the command line
/// once: the seed corpus and any crash file reproduce under the debugger.
@main
struct CorpusReplay {
    static func main() {
        for path in CommandLine.arguments.dropFirst() {
            guard let data = FileManager.default.contents(atPath: path) else {
                FileHandle.standardError.write(Data("fuzz-frames: cannot read \(path)\n".utf8))
                continue
            }
            let bytes = [UInt8](data)
            if !bytes.isEmpty { FrameFuzzing.run(bytes) }
        }
    }
}
#endif
