import Foundation
@testable import PolicyCheckRender
import Testing

/// helm names a packaged subchart's templates (`charts/sub-0.1.0.tgz`, as `helm dependency build` leaves it)
/// `<chart>/charts/sub/templates/…`, a path that does not exist: its documents are attributed to the archive, so
/// SARIF and annotations name a file there is (tester, round 36); an unpacked subchart keeps its template's path.
@Suite struct HelmPackagedSubchartTests {
    @Test func aPackagedSubchartsDocumentsAreTheArchives() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("helm-sub-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root + "/web/charts/unpacked/templates", withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: root + "/web/charts/sub-0.1.0.tgz", contents: Data([0x1F, 0x8B]))
        FileManager.default.createFile(atPath: root + "/web/charts/subway-2.0.0.tgz", contents: Data([0x1F, 0x8B]))
        FileManager.default.createFile(atPath: root + "/web/charts/unpacked/templates/svc.yaml", contents: Data("a: b\n".utf8))
        #expect(HelmRenderer.packagedSubchart(root + "/web/charts/sub/templates/ing.yaml", chart: root + "/web")
            == root + "/web/charts/sub-0.1.0.tgz")
        #expect(HelmRenderer.packagedSubchart(root + "/web/charts/unpacked/templates/svc.yaml", chart: root + "/web") == nil)
        #expect(HelmRenderer.packagedSubchart(root + "/web/templates/svc.yaml", chart: root + "/web") == nil)
        #expect(HelmRenderer.packagedSubchart(root + "/web/charts/missing/templates/x.yaml", chart: root + "/web") == nil)
    }
}
