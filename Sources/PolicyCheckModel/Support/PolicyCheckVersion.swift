/// The version of policycheck.
public enum PolicyCheckVersion {
    public static let current = "0.1.0"
    /// Where users read about the tool (SARIF's `tool.driver.informationUri`).
    public static let informationURI = "https://github.com/mattermost/policycheck"
}
