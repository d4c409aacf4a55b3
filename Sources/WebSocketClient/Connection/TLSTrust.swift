import NIOSSL

/// The TLS client configuration skydash uses for wss and for the admin API: the system trust
/// store, plus the CA certificates of `--ca-file` when given.
public enum TLSTrust {
    /// Throws a one-line `ConfigurationError` when the CA file cannot be read or holds no certificate.
    public static func clientConfiguration(caFile: String?) throws(ConfigurationError) -> TLSConfiguration {
        var tlsConfig = TLSConfiguration.makeClientConfiguration()
        guard let caFile else { return tlsConfig }
        let certs: [NIOSSLCertificate]
        do {
            certs = try NIOSSLCertificate.fromPEMFile(caFile)
        } catch {
            throw ConfigurationError("cannot read CA file \(caFile): \(error)")
        }
        guard !certs.isEmpty else { throw ConfigurationError("no certificate in CA file \(caFile)") }
        tlsConfig.additionalTrustRoots = [.certificates(certs)]
        return tlsConfig
    }
}

extension TLSTrust {
    /// The reason wss gives for a TLS failure (`TLS handshake with HOST failed: its certificate is
    /// not trusted …`), for other clients with the same trust; nil when `error` is not about TLS.
    public static func failureReason(_ error: any Error, host: String) -> String? {
        guard error is NIOSSLError || error is NIOSSLExtraError || error is HostNameMismatch else { return nil }
        return AttemptContext.classify(error, host: host).reason
    }
}
