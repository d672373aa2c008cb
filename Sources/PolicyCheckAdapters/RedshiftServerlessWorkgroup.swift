import PolicyCheckModel
import PolicyCheckSyntax

/// What the plan and template readers say alike of an Amazon Redshift Serverless workgroup
/// (`aws_redshiftserverless_workgroup`, `AWS::RedshiftServerless::Workgroup`): the endpoint its namespace's data is
/// reached through. Its data, encryption and key are the namespace's, judged on the namespace; whether it "can be
/// accessed from a public network" (`publicly_accessible`, `PubliclyAccessible`) and whether it requires SSL (the
/// `require_ssl` configuration parameter) are its own — what AWS Config's managed rules
/// redshift-serverless-workgroup-no-public-access and redshift-serverless-workgroup-encrypted-in-transit check
/// (https://docs.aws.amazon.com/config/latest/developerguide/redshift-serverless-workgroup-no-public-access.html,
/// https://docs.aws.amazon.com/config/latest/developerguide/redshift-serverless-workgroup-encrypted-in-transit.html).
/// Not set, public access is off (the API's and the console's default) and `require_ssl` is AWS's default, which
/// changed with Redshift's security defaults of January 2025 and which, as for a provisioned cluster's default
/// parameter group, is not judged.
enum RedshiftServerlessWorkgroup {
    /// One entry of the workgroup's configuration parameters, as the input states it.
    struct Parameter {
        var key: String?
        var value: String?
        var origin: Origin
        /// Why the value is not known before deployment, when it is not.
        var unknown: String?
    }

    /// `require_ssl` as the entries state it, at its worst: an entry that turns it off decides, then one whose value
    /// is unknown; `nil` when no entry states it.
    static func requireSSL(_ parameters: [Parameter], in component: String) -> StoreSetting<Bool>? {
        StoreSetting.worst(parameters.map { parameter -> StoreSetting<Bool>? in
            guard parameter.key?.lowercased() == "require_ssl" else { return nil }
            if let reason = parameter.unknown { return StoreSetting(.unknown(reason: reason), at: parameter.origin) }
            guard let text = parameter.value else { return nil }
            let on = text.lowercased() == "true"
            return StoreSetting(.known(on), at: parameter.origin,
                                note: on ? nil : "require_ssl is '\(Excerpt.quote(text))' in \(component)")
        })
    }
}
