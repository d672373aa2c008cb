import Foundation
import PolicyCheckModel

/// The values a module marks sensitive, collected while it is evaluated from source: a variable declared
/// `sensitive = true` (https://developer.hashicorp.com/terraform/language/values/variables#suppressing-values-in-cli-output)
/// and the argument of `sensitive()` (https://developer.hashicorp.com/terraform/language/functions/sensitive).
/// Terraform prints them as `(sensitive value)`; findings print the same in their place (`SensitiveValues`). The
/// evaluator does not carry the mark through expressions as Terraform does, so the values are found inside longer
/// texts too (`"${var.office}/32"`).
final class TerraformSensitiveMarks: @unchecked Sendable {
    /// The marks of the source read under way, if any.
    @TaskLocal static var current: TerraformSensitiveMarks?

    private let lock = NSLock()
    private var marked = SensitiveValues()

    /// Marks every string and number `value` holds.
    func mark(_ value: TerraformValue) {
        var texts: [String] = []
        Self.collect(value, into: &texts)
        guard !texts.isEmpty else { return }
        lock.lock()
        defer { lock.unlock() }
        for text in texts { marked.addEmbeddable(text) }
    }

    var values: SensitiveValues {
        lock.lock()
        defer { lock.unlock() }
        return marked
    }

    private static func collect(_ value: TerraformValue, into texts: inout [String]) {
        switch value.kind {
        case .string(let text): texts.append(text)
        case .number(let number) where number.rounded() == number && number.isFinite: texts.append(TerraformNumber.wholeText(number))
        case .list(let items): for item in items { collect(item, into: &texts) }
        case .object(let members): for member in members.values { collect(member, into: &texts) }
        case .resource(_, let attributes): for member in attributes.values { collect(member, into: &texts) }
        default: break
        }
    }
}
