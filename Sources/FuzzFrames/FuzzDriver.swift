#if FUZZING
import Foundation
/// libFuzzer's driver, entered from this executable's main: SwiftPM links an executable's entry
/// point as `<Module>_main`, so libFuzzer's own `main` is never pulled in; `LLVMFuzzerRunDriver`
/// (libFuzzer's documented API) parses the usual -flags and runs `frameFuzzTarget`.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
) -> Int32

@main
struct FuzzDriver {
    static func main() {
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in frameFuzzTarget(data, size) })
    }
}
/// libFuzzer's own entry, for when its `main` is the one linked (see scripts/fuzz).
@_cdecl("LLVMFuzzerTestOneInput")
func llvmFuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    frameFuzzTarget(data, size)
}
#endif
