//! TLS on rustls: trusted CA certificates from PEM, pinning of the CA's SHA-256 fingerprint
//! (what Elasticsearch prints at its first start), client certificates, and an explicitly
//! named insecure mode.

use std::fmt;
use std::sync::Arc;

use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::WebPkiSupportedAlgorithms;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, ServerName, UnixTime};
use rustls::{DigitallySignedStruct, SignatureScheme};

use crate::error::Error;

/// How the server's certificate is checked, and the client's certificate.
#[derive(Clone, Default)]
pub(crate) struct TlsSettings {
    /// Trusted CA certificates in PEM; when set, they replace the built-in web roots.
    pub(crate) ca_pem: Vec<Vec<u8>>,
    /// SHA-256 of a certificate of the server's chain (32 bytes).
    pub(crate) fingerprint: Option<[u8; 32]>,
    /// Client certificate chain and private key, in PEM.
    pub(crate) client_cert: Option<(Vec<u8>, Vec<u8>)>,
    /// Accept any server certificate.
    pub(crate) insecure: bool,
}

impl TlsSettings {
    /// Whether anything differs from reqwest's defaults.
    pub(crate) fn is_default(&self) -> bool {
        self.ca_pem.is_empty()
            && self.fingerprint.is_none()
            && self.client_cert.is_none()
            && !self.insecure
    }

    /// The rustls configuration.
    pub(crate) fn client_config(&self) -> Result<rustls::ClientConfig, Error> {
        let invalid = |why: String| Error::invalid_parameter("tls", why);
        // rustls 0.23.48 deprecates its *ring* provider (no post-quantum key exchange). *ring*
        // stays for now (aws-lc-rs, rustls's default, builds a much larger C library); without
        // the allow, a fresh resolution of rustls warns in every client's build.
        #[allow(deprecated)]
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let builder = rustls::ClientConfig::builder_with_provider(Arc::clone(&provider))
            .with_safe_default_protocol_versions()
            .map_err(|e| invalid(e.to_string()))?;
        let algorithms = provider.signature_verification_algorithms;
        let builder = if self.insecure {
            builder
                .dangerous()
                .with_custom_certificate_verifier(Arc::new(Pinned {
                    fingerprint: None,
                    algorithms,
                }))
        } else if let Some(fingerprint) = self.fingerprint {
            builder
                .dangerous()
                .with_custom_certificate_verifier(Arc::new(Pinned {
                    fingerprint: Some(fingerprint),
                    algorithms,
                }))
        } else {
            let mut roots = rustls::RootCertStore::empty();
            if self.ca_pem.is_empty() {
                roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
            }
            for pem in &self.ca_pem {
                let mut found = 0;
                for cert in CertificateDer::pem_slice_iter(pem) {
                    let cert = cert.map_err(|e| invalid(format!("bad CA certificate PEM: {e}")))?;
                    roots
                        .add(cert)
                        .map_err(|e| invalid(format!("unusable CA certificate: {e}")))?;
                    found += 1;
                }
                if found == 0 {
                    return Err(invalid("the CA PEM holds no certificate".to_owned()));
                }
            }
            builder.with_root_certificates(roots)
        };
        let config = match &self.client_cert {
            None => builder.with_no_client_auth(),
            Some((cert_pem, key_pem)) => {
                let certs = CertificateDer::pem_slice_iter(cert_pem)
                    .collect::<Result<Vec<_>, _>>()
                    .map_err(|e| invalid(format!("bad client certificate PEM: {e}")))?;
                if certs.is_empty() {
                    return Err(invalid(
                        "the client certificate PEM holds no certificate".to_owned(),
                    ));
                }
                let key = PrivateKeyDer::from_pem_slice(key_pem)
                    .map_err(|e| invalid(format!("bad client key PEM: {e}")))?;
                builder
                    .with_client_auth_cert(certs, key)
                    .map_err(|e| invalid(format!("unusable client certificate: {e}")))?
            }
        };
        Ok(config)
    }
}

impl fmt::Debug for TlsSettings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TlsSettings")
            .field("ca_certificates", &self.ca_pem.len())
            .field("fingerprint", &self.fingerprint.map(|_| "<set>"))
            .field("client_cert", &self.client_cert.as_ref().map(|_| "<set>"))
            .field("insecure", &self.insecure)
            .finish()
    }
}

/// Parses a SHA-256 fingerprint: 64 hex digits, optionally separated by `:`.
pub(crate) fn parse_fingerprint(text: &str) -> Result<[u8; 32], Error> {
    let hex: String = text.trim().chars().filter(|c| *c != ':').collect();
    let invalid = || {
        Error::invalid_parameter(
            "ca_fingerprint",
            "expected a SHA-256 fingerprint: 64 hex digits, optionally separated by `:`",
        )
    };
    if hex.len() != 64 || !hex.is_ascii() {
        return Err(invalid());
    }
    let mut out = [0u8; 32];
    for (i, byte) in out.iter_mut().enumerate() {
        *byte = u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).map_err(|_| invalid())?;
    }
    Ok(out)
}

/// Accepts a server whose chain holds a certificate with the pinned SHA-256 fingerprint (as
/// the official clients do; the host name is not checked), or any server in insecure mode.
/// Handshake signatures are verified in both cases.
#[derive(Debug)]
struct Pinned {
    fingerprint: Option<[u8; 32]>,
    algorithms: WebPkiSupportedAlgorithms,
}

impl ServerCertVerifier for Pinned {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        let Some(expected) = self.fingerprint else {
            return Ok(ServerCertVerified::assertion());
        };
        let matches = std::iter::once(end_entity)
            .chain(intermediates)
            .any(|cert| ring::digest::digest(&ring::digest::SHA256, cert).as_ref() == expected);
        if matches {
            Ok(ServerCertVerified::assertion())
        } else {
            Err(rustls::Error::InvalidCertificate(
                rustls::CertificateError::Other(rustls::OtherError(Arc::new(FingerprintMismatch))),
            ))
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(message, cert, dss, &self.algorithms)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(message, cert, dss, &self.algorithms)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.algorithms.supported_schemes()
    }
}

/// No certificate of the server's chain has the pinned fingerprint.
#[derive(Debug)]
struct FingerprintMismatch;

impl fmt::Display for FingerprintMismatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("no certificate of the server's chain has the pinned SHA-256 fingerprint")
    }
}

impl std::error::Error for FingerprintMismatch {}

/// The certificate problem behind a failed request, if that is what it failed of: the
/// server's certificate was rejected, or the server rejected ours (a certificate alert).
/// Other TLS failures (protocol versions, a reset during the handshake) are connection
/// errors.
pub(crate) fn certificate_error(error: &reqwest::Error) -> Option<String> {
    use rustls::AlertDescription as A;
    let mut cause: Option<&(dyn std::error::Error + 'static)> = Some(error);
    while let Some(e) = cause {
        // An io::Error's `source` skips the error it wraps (io errors nest: hyper's connect
        // error wraps the one tokio-rustls made of the rustls error): go into that one.
        cause = match e
            .downcast_ref::<std::io::Error>()
            .and_then(|io| io.get_ref())
        {
            Some(inner) => Some(inner as &(dyn std::error::Error + 'static)),
            None => e.source(),
        };
        {
            let Some(tls) = e.downcast_ref::<rustls::Error>() else {
                continue;
            };
            let certificate = match tls {
                rustls::Error::InvalidCertificate(_)
                | rustls::Error::NoCertificatesPresented
                | rustls::Error::InvalidCertRevocationList(_) => true,
                rustls::Error::AlertReceived(alert) => matches!(
                    alert,
                    A::BadCertificate
                        | A::UnsupportedCertificate
                        | A::CertificateRevoked
                        | A::CertificateExpired
                        | A::CertificateUnknown
                        | A::UnknownCA
                        | A::CertificateRequired
                        | A::AccessDenied
                ),
                _ => false,
            };
            if certificate {
                return Some(match tls {
                    rustls::Error::AlertReceived(alert) => {
                        format!("the node rejected the client certificate ({alert:?} alert)")
                    }
                    rustls::Error::InvalidCertificate(rustls::CertificateError::Other(other)) => {
                        format!("invalid peer certificate: {}", other.0)
                    }
                    rustls::Error::InvalidCertificate(rustls::CertificateError::UnknownIssuer) => {
                        "invalid peer certificate: UnknownIssuer (not signed by a trusted CA)"
                            .to_owned()
                    }
                    other => other.to_string(),
                });
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_with_or_without_colons() {
        let plain = "A1".repeat(32);
        let colons = vec!["a1"; 32].join(":");
        assert_eq!(parse_fingerprint(&plain).unwrap(), [0xa1; 32]);
        assert_eq!(parse_fingerprint(&colons).unwrap(), [0xa1; 32]);
        for bad in [
            "",
            "a1",
            &"zz".repeat(32),
            &"a1".repeat(33),
            &"é".repeat(32),
        ] {
            assert!(parse_fingerprint(bad).is_err(), "{bad}");
        }
    }
}
