/// Who and what triggered a run, read from the CI environment (GitHub Actions or GitLab CI) when present.
public struct CIEnvironment: Sendable, Hashable {
    /// `github`, `gitlab`, or `nil` outside CI.
    public var system: String?
    public var commit: String?
    public var repository: String?
    public var runURL: String?
    public var actor: String?
    /// The git ref (`refs/heads/main`, `refs/pull/42/merge`).
    public var ref: String?
    /// The pull or merge request number.
    public var pullRequest: String?

    public init(system: String? = nil, commit: String? = nil, repository: String? = nil, runURL: String? = nil,
                actor: String? = nil, ref: String? = nil, pullRequest: String? = nil) {
        self.system = system
        self.commit = commit
        self.repository = repository
        self.runURL = runURL
        self.actor = actor
        self.ref = ref
        self.pullRequest = pullRequest
    }

    /// Reads `GITHUB_*` or GitLab's `CI_*` variables; blank values count as absent.
    public init(environment: [String: String]) {
        func value(_ name: String) -> String? {
            guard let text = environment[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else { return nil }
            return text
        }
        if value("GITHUB_SHA") != nil || value("GITHUB_REPOSITORY") != nil {
            let server = value("GITHUB_SERVER_URL") ?? "https://github.com"
            let runURL = value("GITHUB_REPOSITORY").flatMap { repository in
                value("GITHUB_RUN_ID").map { "\(server)/\(repository)/actions/runs/\($0)" }
            }
            let ref = value("GITHUB_REF")
            self.init(system: "github", commit: value("GITHUB_SHA"), repository: value("GITHUB_REPOSITORY"),
                      runURL: runURL, actor: value("GITHUB_ACTOR"), ref: ref, pullRequest: ref.flatMap(Self.pullNumber))
        } else if value("GITLAB_CI") != nil || value("CI_PROJECT_PATH") != nil || value("CI_COMMIT_SHA") != nil {
            self.init(system: "gitlab", commit: value("CI_COMMIT_SHA"), repository: value("CI_PROJECT_PATH"),
                      runURL: value("CI_PIPELINE_URL"), actor: value("GITLAB_USER_LOGIN"),
                      ref: value("CI_COMMIT_REF_NAME"), pullRequest: value("CI_MERGE_REQUEST_IID"))
        } else {
            self.init()
        }
    }

    /// `42` from `refs/pull/42/merge`.
    static func pullNumber(_ ref: String) -> String? {
        let parts = ref.split(separator: "/")
        guard parts.count >= 3, parts[0] == "refs", parts[1] == "pull", parts[2].allSatisfy(\.isNumber) else { return nil }
        return String(parts[2])
    }
}
