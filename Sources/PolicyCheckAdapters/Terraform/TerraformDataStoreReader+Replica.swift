import PolicyCheckModel
import PolicyCheckSyntax

extension TerraformDataStoreReader {
    /// The encryption at rest of a read replica (`replicate_source_db`) whose source database is in the same input
    /// and states its own: the replica's is the same, since RDS makes neither an encrypted replica of an
    /// unencrypted instance nor an unencrypted replica of an encrypted one
    /// (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.Encryption.html#Overview.Encryption.Limitations).
    /// The source is the instance the attribute refers to (`aws_db_instance.master.identifier`, through locals,
    /// variables and module outputs as the configuration lists them), or else the one whose known `identifier` is the
    /// attribute's known value. `nil` — cannot be verified, as before — when the source is outside the input, is
    /// itself made from other data, or leaves its flag unknown; the source's missing flag is RDS's default, off.
    func replicaEncryption(of resource: TerraformResource) -> (atRest: Located<Fact<Bool>>, note: String)? {
        guard resource.type == "aws_db_instance" else { return nil }
        let reference = resource["replicate_source_db"]
        guard let source = sourceInstance(reference, of: resource), source.address != resource.address,
              Self.inheritedEncryptionSource(of: source) == nil else { return nil }
        let flag = source["storage_encrypted"]
        if flag.isUnknown { return nil }
        if let stated = flag.bool(), case .known(let encrypted) = stated.value {
            return (Located(.known(encrypted), at: stated.origin),
                    "it is a read replica of \(source.address), whose storage_encrypted is \(encrypted)")
        }
        guard flag.isAbsent else { return nil }
        return (Located(.known(false), at: reference.origin),
                "it is a read replica of \(source.address), which leaves storage_encrypted unset (off)")
    }

    private func sourceInstance(_ reference: TerraformAttribute, of resource: TerraformResource) -> TerraformResource? {
        if let referenced = input.referenced(by: reference, of: resource, types: ["aws_db_instance"]) { return referenced }
        guard let name = reference.knownString else { return nil }
        let named = input.resources(ofType: ["aws_db_instance"]).filter { $0["identifier"].knownString == name }
        return named.count == 1 ? named[0] : nil
    }
}
