#if FUZZING
import Foundation

/// libFuzzer's driver, entered from this executable's main: SwiftPM links an executable's entry
/// point as `<Module>_main`, so libFuzzer's own `main` is never pulled in; `LLVMFuzzerRunDriver`
/// (libFuzzer's documented API) parses the usual -flags and runs the target named by the first
/// argument: `skydash-fuzz NAME [libFuzzer flags and corpus folders…]`.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
) -> Int32

/// The chosen target; set once before libFuzzer starts, read by the C callback (which cannot capture).
nonisolated(unsafe) var chosenTarget: (([UInt8]) -> Void)?

func runChosenTarget(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let data, size > 0, let target = chosenTarget else { return 0 }
    target(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}

@main
struct FuzzDriver {
    static func main() {
        let args = CommandLine.arguments
        guard args.count >= 2, let target = FuzzTargets.named(args[1]) else {
            FileHandle.standardError.write(Data("usage: skydash-fuzz NAME [libFuzzer flags] [corpus…] (NAME: \(FuzzTargets.names))\n".utf8))
            exit(2)
        }
        chosenTarget = target
        // argv without NAME: libFuzzer sees its own flags and folders only.
        var rest = [CommandLine.unsafeArgv[0]] + (2..<Int(CommandLine.argc)).map { CommandLine.unsafeArgv[$0] }
        rest.append(nil)
        var argc = Int32(rest.count - 1)
        rest.withUnsafeMutableBufferPointer { buffer in
            var argv = buffer.baseAddress!
            exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in runChosenTarget(data, size) })
        }
    }
}

/// libFuzzer's own entry, for when its `main` is the one linked (then the target comes from
/// SKYDASH_FUZZ_TARGET).
@_cdecl("LLVMFuzzerTestOneInput")
func llvmFuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    if chosenTarget == nil, let name = ProcessInfo.processInfo.environment["SKYDASH_FUZZ_TARGET"] {
        chosenTarget = FuzzTargets.named(name)
    }
    return runChosenTarget(data, size)
}
#endif
