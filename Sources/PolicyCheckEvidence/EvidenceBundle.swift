import Foundation
import KeyMaterial
import PolicyCheckPolicy
import PolicyCheckReport

/// The files of an evidence bundle, rendered and (optionally) signed, ready to be written.
///
/// Order matters: the HTML and Markdown pages are rendered first, `evidence.json` records their SHA-256 and — when
/// signing — the signer's identity, and only then is the signature computed over the final bytes of evidence.json.
public struct EvidenceBundle: Sendable {
    public static let htmlFile = "report.html"
    public static let markdownFile = "report.md"
    public static let jsonFile = "evidence.json"
    public static let signatureFile = "evidence.json.sig"

    /// File name and contents, in the order they are moved into place (the signature last).
    public var files: [(name: String, bytes: [UInt8])]
    public var document: EvidenceDocument

    /// Renders the bundle; `signingKey` is a PEM or DER private key (Ed25519, ECDSA P-256/P-384, RSA ≥ 3072).
    public static func make(report: CheckReport, policy: CompiledPolicy, context: EvidenceContext,
                            signingKey: [UInt8]? = nil) throws(KeyMaterialError) -> EvidenceBundle {
        var context = context
        if let signingKey {
            // Learn the signer's identity (and refuse an unusable key) before anything is rendered.
            context.signer = try BundleSigner.identity(of: signingKey)
        }
        let document = EvidenceDocument(report: report, policy: policy, context: context)
        let sections = EvidenceSections.build(document)
        let html = Array(EvidenceHTML.render(document, sections: sections).utf8)
        let markdown = Array(EvidenceMarkdown.render(document, sections: sections).utf8)
        let artifacts = [EvidenceJSON.Artifact(file: htmlFile, sha256: Digest.sha256(html)),
                         EvidenceJSON.Artifact(file: markdownFile, sha256: Digest.sha256(markdown))]
        let json = EvidenceJSON.render(document, artifacts: artifacts, signatureFile: signatureFile)
        var files: [(name: String, bytes: [UInt8])] = [(htmlFile, html), (markdownFile, markdown), (jsonFile, json)]
        if let signingKey {
            files.append((signatureFile, try BundleSigner.signatureFile(for: json, privateKey: signingKey)))
        }
        return EvidenceBundle(files: files, document: document)
    }
}
