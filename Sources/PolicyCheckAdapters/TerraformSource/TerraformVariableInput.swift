/// A value for the root module's variables given from outside it: `--tf-var-file FILE` or `--tf-var NAME=VALUE`
/// (or `terraform.varFiles` / `terraform.vars` in `.policycheck.yaml`), applied in the order given, later winning,
/// after the module's own `.tfvars` files.
/// https://developer.hashicorp.com/terraform/language/values/variables#variable-definition-precedence
public enum TerraformVariableInput: Sendable, Hashable, CustomStringConvertible {
    case file(String)
    case value(name: String, value: String)

    /// `NAME=VALUE`, where NAME is a Terraform identifier (a letter or `_`, then letters, digits, `_` and `-`).
    public static func assignment(_ text: String) -> TerraformVariableInput? {
        guard let equals = text.firstIndex(of: "=") else { return nil }
        let name = String(text[..<equals])
        guard let first = name.unicodeScalars.first, first == "_" || (first.isASCII && first.properties.isAlphabetic),
              name.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" || $0 == "-") })
        else { return nil }
        return .value(name: name, value: String(text[text.index(after: equals)...]))
    }

    /// How settings and evidence show it: a file by its path, a value by its name only (values may be secrets).
    public var description: String {
        switch self {
        case .file(let path): return "file \(path)"
        case .value(let name, _): return "\(name)=(value not shown)"
        }
    }
}
