import PolicyCheckModel

/// Flags capabilities a deployment asks for that its offering (or the platform) does not provide.
public struct OfferingCapabilitiesCheck: Check {
    public static let name = "offering.capabilities"

    /// Capabilities that are not provided.
    let notProvided: [Capability]
    /// Who does not provide them, for messages; empty means "the <offering> offering".
    let unsupportedBy: String

    public init(parameters: CheckParameters) {
        let names = parameters.strings("notProvided", default: [])
        var capabilities: [Capability] = []
        for name in names {
            if let capability = Capability(rawValue: name) {
                capabilities.append(capability)
            } else {
                parameters.reject(
                    "notProvided",
                    "unknown capability '\(name)'" + Suggestion.clause(for: name, among: Capability.allCases.map(\.rawValue))
                )
            }
        }
        notProvided = capabilities
        unsupportedBy = parameters.string("unsupportedBy", default: "")
    }

    public func evaluate(_ deployment: Deployment, context: CheckContext) -> [CheckResult] {
        let provider = unsupportedBy.isEmpty
            ? "the \(deployment.offering?.value.rawValue.capitalized ?? "selected") offering"
            : unsupportedBy
        let requests = deployment.capabilities.filter { notProvided.contains($0.capability) }
        guard !requests.isEmpty else { return [CheckResult("", .pass)] }
        return Dictionary(grouping: requests, by: \.component).sorted { $0.key < $1.key }.map { component, requests in
            CheckResult(component, .fail(requests.map { request in
                Evidence(
                    "'\(request.origin.path)' asks for \(request.capability.displayName), which \(provider) does not provide",
                    at: request.origin
                )
            }))
        }
    }
}
