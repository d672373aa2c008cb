/// Cheap byte markers that say a file is (or could be) an input policycheck reads, for files found by walking a
/// directory that do not parse.
///
/// A walked file that fails to parse is skipped only when none of these markers is in its bytes; with any of them it
/// stays an error (exit 2). The markers are deliberately broad — "when in doubt, it is an input" — because the
/// question they answer is an attacker's: can a pull request break a deployable manifest so that policycheck skips
/// it while the deploying tool still reads it? `docs/real-repositories.md` ("Files that are not inputs") explains each marker.
///
/// - The search is ASCII case-insensitive: Kubernetes finds `apiVersion`/`kind` with Go's `encoding/json`
///   (apimachinery's `SimpleMetaFactory.Interpret`), which matches field names case-insensitively, and the
///   provisioner's installations are decoded the same way.
/// - Escapes that can spell a letter (`\u0056`, `\x56`, an escaped line break that joins two halves of a key),
///   binary tags (`!!binary`, `%TAG` directives that rename tags) and the two non-ASCII letters Go folds to ASCII
///   (`ſ` U+017F to `s`, the Kelvin sign U+212A to `k`) could hide a marker from a plain search, so they count as
///   markers themselves.
public enum InputMarkers {
    /// Lowercase words whose presence makes a file an input: Kubernetes and native manifests (`apiVersion`),
    /// CloudFormation (`AWSTemplateFormatVersion`, `AWS::` resource types, a registered module's `::MODULE` type), Terraform plans (`format_version`,
    /// `terraform_version`, `planned_values`, `resource_changes`), provisioner installations and the server's
    /// IP-filtering settings (their distinctive top-level fields).
    static let words: [(word: [UInt8], name: String)] = spelled.map { (Array($0.0.utf8), $0.1) }

    private static let spelled: [(String, String)] = [
        ("apiversion", "apiVersion"),
        ("awstemplateformatversion", "AWSTemplateFormatVersion"),
        ("aws::", "an AWS:: resource type"),
        ("::module", "a CloudFormation module's ::MODULE type"),
        ("format_version", "format_version"),
        ("terraform_version", "terraform_version"),
        ("planned_values", "planned_values"),
        ("resource_changes", "resource_changes"),
        ("allowed_ip_ranges", "allowed_ip_ranges"),
        ("allowedipranges", "AllowedIPRanges"),
        ("cidr_block", "cidr_block"),
        ("cidrblock", "CIDRBlock"),
        ("dnsnames", "DNSNames"),
        ("singletenantdatabaseconfig", "SingleTenantDatabaseConfig"),
        ("externaldatabaseconfig", "ExternalDatabaseConfig"),
        ("mattermostenv", "MattermostEnv"),
        ("ownerid", "OwnerID"),
        ("crversion", "CRVersion"),
        ("%tag", "a %TAG directive (it can rename tags)"),
        ("!!binary", "a !!binary tag (it can spell a key)"),
        ("tag:yaml.org,2002:binary", "a binary tag (it can spell a key)"),
        ("\\u", "a \\u escape (it can spell a key)"),
        ("\\x", "a \\x escape (it can spell a key)"),
        ("\\\n", "an escaped line break (it can join a key)"),
        ("\\\r", "an escaped line break (it can join a key)"),
        ("\u{17F}", "U+017F (Go folds it to 's')"),
        ("\u{212A}", "U+212A (Go folds it to 'k')"),
    ]

    /// The first marker found in the bytes (searched as text, and again without NUL bytes so UTF-16 text without a
    /// byte-order mark is searched too), or `nil` when the file carries none.
    ///
    /// `cloudFormationOnly`: for a file named `.template`, which kubectl, the provisioner and Terraform never read
    /// (kubectl's `apply -f DIR` takes `.json`, `.yaml` and `.yml` files) but CloudFormation deploys: only the markers
    /// of a template (and those that could spell one) keep it an input, so an envsubst or gomplate manifest
    /// template that does not parse is a skip, not an error.
    public static func marker(in bytes: [UInt8], cloudFormationOnly: Bool = false) -> String? {
        let candidates = cloudFormationOnly ? cloudFormationWords : words
        let lowered = bytes.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        if let found = firstMarker(in: lowered, of: candidates) { return found }
        guard lowered.contains(0) else { return nil }
        return firstMarker(in: lowered.filter { $0 != 0 }, of: candidates)
    }

    /// The markers of a CloudFormation template, and those that could spell one.
    private static let cloudFormationWords = words.filter { marker in
        !["apiVersion", "format_version", "terraform_version", "planned_values", "resource_changes",
          "allowed_ip_ranges", "AllowedIPRanges", "cidr_block", "CIDRBlock", "DNSNames",
          "SingleTenantDatabaseConfig", "ExternalDatabaseConfig", "MattermostEnv", "OwnerID", "CRVersion"]
            .contains(marker.name)
    }

    private static func firstMarker(in text: [UInt8], of candidates: [(word: [UInt8], name: String)]) -> String? {
        candidates.first { contains(text, $0.word) }?.name
    }

    /// Whether `needle` occurs in `haystack` (markers are short; a first-byte scan is enough).
    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard let first = needle.first, haystack.count >= needle.count else { return false }
        var index = 0
        let last = haystack.count - needle.count
        while index <= last {
            if haystack[index] == first {
                var matched = 1
                while matched < needle.count && haystack[index + matched] == needle[matched] { matched += 1 }
                if matched == needle.count { return true }
            }
            index += 1
        }
        return false
    }
}
