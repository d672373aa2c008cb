import PolicyCheckModel

/// The declaration a finding's resource was written as, for telling whether one inline ignore covers findings of
/// more than one: a value that flows through a Terraform variable or local, or a CloudFormation stack set's body, is
/// placed at one line for every resource that uses it, and an ignore there would cover all of them.
///
/// Instances of one declaration share it: Terraform's `count` and `for_each` instances (`aws_instance.web[0]`,
/// `["a"]`) and the same block reached through several module calls (`module.a.aws_s3_bucket.logs`,
/// `module.b["x"].aws_s3_bucket.logs`), and the resources one CloudFormation `Fn::ForEach` loop makes
/// (`Deployment.loopDeclarations`).
enum ResourceDeclaration {
    /// The declaration of `resource` in `deployment`; `nil` for native and provisioner manifests, which describe one
    /// deployment whose settings are each written once, and for a finding about the deployment as a whole (its
    /// region), which no resource declares.
    ///
    /// A finding about the deployment as a whole counts as a declaration of its own: it was left out, and a root
    /// module in a folder named `aws_security_group.database` made that resource's findings look like the
    /// deployment's. Terraform source names each instance's block (`TerraformSourceReader.blockDeclarations`), so
    /// blocks of one name in different modules are told apart.
    static func of(_ resource: String, in deployment: Deployment) -> String? {
        guard deployment.format.isInfrastructureCode else { return nil }
        if resource == deployment.name { return "\u{0}the deployment" }
        if let loop = deployment.loopDeclarations[resource] { return loop }
        return deployment.format == .terraformPlan ? terraformBlock(resource) : resource
    }

    /// A Terraform address without its module path and instance keys: `module.a["x"].aws_sg.web[0]` → `aws_sg.web`.
    static func terraformBlock(_ address: String) -> String {
        var parts = splitAddress(address)
        while parts.count > 2, parts[0] == "module" { parts.removeFirst(2) }
        return parts.joined(separator: ".")
    }

    /// An address's dot-separated names with instance keys dropped (a key's quoted text may hold dots and brackets).
    private static func splitAddress(_ address: String) -> [String] {
        var parts: [String] = []
        var current = ""
        var depth = 0
        var quoted = false
        var escaped = false
        for character in address {
            if quoted {
                if escaped { escaped = false } else if character == "\\" { escaped = true } else if character == "\"" { quoted = false }
                continue
            }
            switch character {
            case "\"" where depth > 0: quoted = true
            case "[": depth += 1
            case "]": depth = max(0, depth - 1)
            case "." where depth == 0:
                parts.append(current)
                current = ""
            default:
                if depth == 0 { current.append(character) }
            }
        }
        parts.append(current)
        return parts
    }
}
