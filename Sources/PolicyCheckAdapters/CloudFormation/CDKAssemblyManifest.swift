import PolicyCheckModel
import PolicyCheckSyntax

/// A CDK cloud assembly's `manifest.json` (`cdk.out`): each `aws:cloudformation:stack` artifact's `environment`
/// (`aws://ACCOUNT/REGION`) is the region `cdk deploy` creates the stack in — "the environment into which this
/// artifact is deployed" (https://docs.aws.amazon.com/cdk/api/v2/docs/aws-cdk-lib.cloud_assembly_schema.ArtifactManifest.html).
/// CDK's templates name their region as `AWS::Region` (the stack's own, never a finding), so the manifest is the
/// one file that says where a region-pinned stack goes: each such region is a residency reference, named by the
/// artifact (it passed as "not a manifest", tester round 33). `unknown-region` is an environment-agnostic stack,
/// deployed where the CLI's region is, which the assembly does not say.
enum CDKAssemblyManifest {
    static let stackType = "aws:cloudformation:stack"

    static func recognises(_ root: SourceNode) -> Bool {
        guard root["version"]?.string != nil, let artifacts = root["artifacts"]?.entries else { return false }
        return artifacts.contains { $0.value["type"]?.string == stackType }
    }

    static func deployment(_ root: SourceNode, source: SourceFile, options: AdapterOptions) -> Deployment {
        var deployment = Deployment(name: source.path, source: source, format: .cloudFormation,
                                    origin: Origin(offset: root.offset, path: ""))
        deployment.qualifiesResourceNames = false
        if let offering = options.offering { deployment.offering = Located(offering, at: deployment.origin) }
        for entry in root["artifacts"]?.entries ?? [] where entry.value["type"]?.string == stackType {
            let (name, artifact) = (entry.key, entry.value)
            guard let environment = artifact["environment"], let text = environment.string,
                  text.hasPrefix("aws://"), let region = text.split(separator: "/", omittingEmptySubsequences: false).last,
                  !region.isEmpty, region != "unknown-region" else { continue }
            let origin = Origin(offset: environment.offset, path: "artifacts['\(name)'].environment")
            deployment.regions.append(RegionReference(String(region), at: origin, component: name,
                                                      role: "stack region (the cloud assembly's environment)"))
        }
        return deployment
    }
}
