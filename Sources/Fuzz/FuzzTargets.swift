/// The fuzz targets of `skydash-fuzz`, by the name `scripts/fuzz NAME SECONDS` takes. Each one gets
/// the raw input bytes (never empty); a protocol or parse error is an expected outcome, a crash, a
/// trap, a hang or a broken property (a `precondition` in the target) is a bug.
enum FuzzTargets {
    static let all: [(name: String, run: @Sendable ([UInt8]) -> Void)] = [
        ("frames", FrameFuzzing.run),
        ("handshake", HandshakeFuzzing.run),
        ("notifications", NotificationFuzzing.run),
        ("loglines", LogLineFuzzing.run),
        ("themes", ThemeFuzzing.run),
        ("config", ConfigFuzzing.run),
        ("sanitizers", SanitizerFuzzing.run),
        ("envelope", EnvelopeFuzzing.run),
    ]

    static func named(_ name: String) -> (@Sendable ([UInt8]) -> Void)? {
        all.first { $0.name == name }?.run
    }

    static var names: String { all.map(\.name).joined(separator: " ") }
}
