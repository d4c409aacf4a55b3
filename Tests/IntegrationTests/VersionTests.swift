import Testing

/// `skydash --version`. A build from the checkout prints the placeholder in BuildVersion.swift;
/// scripts/package writes `git describe`'s answer there in its copy (scripts/test-package checks
/// the packaged binary prints the version its file names carry).
@Suite struct VersionTests {
    @Test func aBuildFromTheCheckoutPrintsTheDevelopmentVersion() throws {
        let done = try Skydash.run(["--version"])
        #expect(done.status == 0)
        #expect(done.stdout == ["0.0.0-dev"])
        #expect(done.stderr.isEmpty)
    }
}
