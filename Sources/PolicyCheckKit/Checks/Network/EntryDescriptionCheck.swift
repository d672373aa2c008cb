import Foundation

/// Where the format has a description field, every allowlist entry must say what it is for.
public struct EntryDescriptionCheck: Check {
    public static let name = "network.entry-description"

    public init(parameters: CheckParameters) {}

    public func evaluate(_ deployment: Deployment, context: CheckContext) -> [CheckResult] {
        deployment.allowlists.filter(\.hasDescriptionField).map { list in
            let evidence = list.entries.compactMap { entry -> Evidence? in
                let text = entry.description?.value.trimmingCharacters(in: .whitespaces) ?? ""
                guard text.isEmpty else { return nil }
                return Evidence("allowlist entry '\(entry.cidr.value.known ?? "?")' has no description", at: entry.origin)
            }
            return CheckResult(list.component, .from(evidence))
        }
    }
}
