/// The version of policycheck.
public enum PolicyCheckVersion {
    public static let current = "0.1.0"
}
