import Foundation

/// Values read where the provider's schema wants a bool that Terraform does not convert to one: go-cty converts only
/// the strings `"true"`, `"1"`, `"false"` and `"0"` (https://github.com/zclconf/go-cty/blob/main/cty/convert/conversion_primitive.go),
/// so `encrypted = "TRUE"` or `block_public_acls = "on"` stops `terraform plan` ("a bool is required"). The source
/// reader collects them while the readers run (`TerraformAttribute.bool()`) and refuses the module with each one's
/// file, line and column (exit 2) — read as absent they gave the provider's default, which passes where the default
/// is on. A plan, whose values Terraform has already typed, has none; one that does anyway reads it as unknown.
final class TerraformInvalidBools: @unchecked Sendable {
    /// The log of the source read under way, if any.
    @TaskLocal static var current: TerraformInvalidBools?

    private let lock = NSLock()
    private var found: [Int: String] = [:]

    /// Records the value at `offset` (once, however many readers read it).
    func record(_ text: String, at offset: Int) {
        lock.lock()
        defer { lock.unlock() }
        if found[offset] == nil { found[offset] = text }
    }

    /// What was recorded, by offset.
    var values: [(offset: Int, text: String)] {
        lock.lock()
        defer { lock.unlock() }
        return found.keys.sorted().map { ($0, found[$0]!) }
    }

    /// The one-line problem for a value.
    static func message(_ text: String) -> String {
        "\(text) is not a bool: Terraform converts only true, false and the strings \"true\", \"false\", \"1\" and \"0\" to one, and stops at plan on any other"
    }

    /// Why such a value, where no source read collects it, cannot be verified.
    static func reason(_ text: String) -> String {
        "its value \(text) is not a bool, which Terraform refuses"
    }
}
