/// What `skydash --version` prints. A build from a checkout says `0.0.0-dev`; `scripts/package`
/// builds from a copy of the sources in which it writes `git describe`'s answer into this line.
enum BuildVersion {
    static let text = "0.0.0-dev"
}
