/// Something a deployment asks of the platform that only some offerings provide.
public enum Capability: String, Sendable, CaseIterable, Codable {
    case highAvailabilityCluster = "high-availability-cluster"
    case networkPolicy = "network-policy"
    case namespace
    case ipFiltering = "ip-filtering"
    case ownNetwork = "own-network"
    case kubernetesHighAvailability = "kubernetes-high-availability"
    case databaseHighAvailability = "database-high-availability"
    case objectStorage = "object-storage"
    case encryptionKeys = "encryption-keys"
    case customBackupSchedule = "custom-backup-schedule"
    case customDomain = "custom-domain"

    /// How the capability reads in a message.
    public var displayName: String {
        switch self {
        case .highAvailabilityCluster: return "a high-availability cluster"
        case .networkPolicy: return "a network policy"
        case .namespace: return "a namespace"
        case .ipFiltering: return "IP filtering"
        case .ownNetwork: return "its own network (private connectivity)"
        case .kubernetesHighAvailability: return "Kubernetes high availability"
        case .databaseHighAvailability: return "database high availability"
        case .objectStorage: return "its own object storage (an S3 bucket)"
        case .encryptionKeys: return "customer-managed encryption keys (BYOK)"
        case .customBackupSchedule: return "a custom backup schedule"
        case .customDomain: return "a custom URL"
        }
    }
}

/// A capability the deployment asks for, and where.
public struct CapabilityRequest: Sendable {
    public var capability: Capability
    public var origin: Origin
    /// The component the request belongs to, e.g. `database`.
    public var component: String

    public init(_ capability: Capability, at origin: Origin, component: String) {
        self.capability = capability
        self.origin = origin
        self.component = component
    }
}
