import KeyMaterial
import PolicyCheckKit

/// The period bundle's files: `report.html`, `report.md`, `evidence.json` listing their SHA-256, and with a key
/// `evidence.json.sig` — the layout of a run bundle, so `verify-report` checks a period bundle as it is.
public enum PeriodBundle {
    public static func make(_ report: PeriodReport, toolVersion: String,
                            signingKey: [UInt8]? = nil) throws(KeyMaterialError) -> [(name: String, bytes: [UInt8])] {
        let signer = try signingKey.map { key throws(KeyMaterialError) in try BundleSigner.identity(of: key) }
        let sections = PeriodSections.build(report)
        let html = Array(PeriodPages.html(report, sections: sections, toolVersion: toolVersion, signed: signer != nil).utf8)
        let markdown = Array(PeriodPages.markdown(report, sections: sections, toolVersion: toolVersion, signed: signer != nil).utf8)
        let artifacts = [EvidenceJSON.Artifact(file: EvidenceBundle.htmlFile, sha256: Digest.sha256(html)),
                         EvidenceJSON.Artifact(file: EvidenceBundle.markdownFile, sha256: Digest.sha256(markdown))]
        let json = Array(PeriodJSON.render(report, artifacts: artifacts, signer: signer, toolVersion: toolVersion).utf8)
        var files: [(name: String, bytes: [UInt8])] = [(EvidenceBundle.htmlFile, html), (EvidenceBundle.markdownFile, markdown),
                                                       (EvidenceBundle.jsonFile, json)]
        if let signingKey {
            files.append((EvidenceBundle.signatureFile, try BundleSigner.signatureFile(for: json, privateKey: signingKey)))
        }
        return files
    }
}
