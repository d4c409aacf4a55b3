// swift-tools-version:6.0
// The benchmark's independent Swift peer (scripts/bench builds it in .build-wsclient, release):
// hummingbird's WebSocket client decoding each notification with JSONDecoder. Not part of skydash.
import PackageDescription

let package = Package(
    name: "wsclient-bench",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird-websocket.git", from: "2.8.1"),
    ],
    targets: [
        .executableTarget(
            name: "wsclient-bench",
            dependencies: [.product(name: "HummingbirdWSClient", package: "hummingbird-websocket")]
        ),
    ]
)
