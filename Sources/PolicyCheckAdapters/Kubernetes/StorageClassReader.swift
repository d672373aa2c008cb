import PolicyCheckModel
import PolicyCheckSyntax

/// A `StorageClass` whose provisioner makes Amazon EBS volumes — the EBS CSI driver (`ebs.csi.aws.com`), EKS Auto
/// Mode's (`ebs.csi.eks.amazonaws.com`) or the in-tree plugin the driver now serves (`kubernetes.io/aws-ebs`) —
/// read as the volumes every claim of the class gets: a store of kind volume, encrypted at rest only when its
/// `encrypted` parameter is `"true"` (the driver's default is unencrypted, and it reads parameter names in any case:
/// https://github.com/kubernetes-sigs/aws-ebs-csi-driver/blob/master/docs/parameters.md), its key the `kmsKeyId`
/// parameter; and the zones its `allowedTopologies` (or the in-tree `zone`/`zones` parameters) confine it to, as
/// residency references.
struct StorageClassReader {
    static let ebsProvisioners: Set<String> = ["ebs.csi.aws.com", "ebs.csi.eks.amazonaws.com", "kubernetes.io/aws-ebs"]
    /// The topology keys that name a zone (the well-known label, the driver's own and the deprecated beta label).
    static let zoneKeys: Set<String> = [
        "topology.kubernetes.io/zone", "topology.ebs.csi.aws.com/zone", "failure-domain.beta.kubernetes.io/zone",
    ]
    static let defaultNote = "the EBS CSI driver creates unencrypted volumes unless the class says encrypted: \"true\" "
        + "(or the account encrypts new EBS volumes by default, which the manifest does not show)"

    let object: KubernetesObject

    func read(into deployment: inout Deployment) {
        let root = object.root
        guard let provisioner = root.string("provisioner"), Self.ebsProvisioners.contains(provisioner.value) else { return }
        let component = "StorageClass/\(object.name)"
        let parameters = root.object("parameters", isMap: true)
        var encryption = Encryption(origin: parameters?.origin(of: "encrypted")
                                        ?? Origin(offset: root.node.offset, path: root.childPath("parameters.encrypted")))
        if let encrypted = parameter("encrypted", in: parameters) {
            let on = encrypted.value.lowercased() == "true"
            encryption.atRest = Located(.known(on), at: encrypted.origin)
            if !on { encryption.atRestNote = "its encrypted parameter is '\(Excerpt.quote(encrypted.value))'" }
        } else {
            encryption.undeclared = Self.defaultNote
        }
        if let key = parameter("kmsKeyId", in: parameters), !key.value.isEmpty {
            encryption.kmsKey = Located(.known(key.value), at: key.origin)
        }
        deployment.dataStores.append(DataStore(kind: .volume, component: component, origin: root.origin, encryption: encryption))
        for zone in zones(parameters) {
            guard let region = AvailabilityZoneName.region(of: zone.value) else { continue }
            deployment.regions.append(RegionReference(region, at: zone.origin, component: component,
                                                      role: "EBS volume availability zone '\(zone.value)'"))
        }
    }

    /// A parameter, its name matched in any case as the driver matches it; a value that is not a string is an error,
    /// as kubectl refuses the object (parameters are a map of strings).
    private func parameter(_ name: String, in parameters: ObjectView?) -> Located<String>? {
        guard let parameters, let entry = parameters.node.entries?.first(where: { $0.key.lowercased() == name.lowercased() })
        else { return nil }
        let origin = Origin(offset: entry.value.offset, path: parameters.childPath(entry.key))
        switch entry.value.value {
        case .string(let text): return Located(text, at: origin)
        case .null: return nil
        default:
            object.reader.error(at: entry.value.offset, "StorageClass parameter '\(Excerpt.quote(entry.key))' must be a string, "
                                + "found \(entry.value.kindDescription) (kubectl refuses it; quote the value)")
            return nil
        }
    }

    /// The zones of `allowedTopologies`' zone expressions and of the in-tree `zone` and `zones` parameters.
    private func zones(_ parameters: ObjectView?) -> [Located<String>] {
        var zones: [Located<String>] = []
        if let zone = parameter("zone", in: parameters) { zones.append(zone) }
        if let list = parameter("zones", in: parameters) {
            for part in list.value.split(separator: ",") {
                zones.append(Located(part.trimmingCharacters(in: .whitespaces), at: list.origin))
            }
        }
        _ = object.root.forEachItem("allowedTopologies") { term, termPath in
            guard let expressions = term["matchLabelExpressions"]?.items else { return }
            for (index, expression) in expressions.enumerated() {
                guard let key = expression["key"]?.string, Self.zoneKeys.contains(key),
                      let values = expression["values"]?.items else { continue }
                for (valueIndex, value) in values.enumerated() {
                    guard let text = value.string else { continue }
                    let path = object.reader.spelling("\(termPath).matchLabelExpressions[\(index)].values[\(valueIndex)]")
                    zones.append(Located(text, at: Origin(offset: value.offset, path: path)))
                }
            }
        }
        return zones
    }
}
