import PolicyCheckModel
import PolicyCheckNetwork

/// Which addresses of a WAF IP set are judged as an allowlist, for plans, source and templates alike
/// (`TerraformIPSetReader`, `WAFIPSetMapper`). A set an allow rule of a web ACL in the input uses is an allowlist in
/// full; a set used only by `block` rules is a block list (not judged, by the callers); a set no rule is known to use
/// — or only `count` rules, which decide nothing — could be either, so only what is a mistake either way is judged: a
/// `0.0.0.0/0` or `::/0` entry, or entries that together cover half the public addresses of a version or more
/// (covering all of them is possible only so, as "AWS WAF supports all IPv4 and IPv6 CIDR ranges except for /0",
/// https://docs.aws.amazon.com/waf/latest/developerguide/waf-rule-statement-type-ipset-match.html).
enum WAFIPSetJudgement {
    /// The rule actions a web ACL rule names (`action` blocks in Terraform, `Action` keys in templates).
    static let actions = ["allow", "block", "count", "captcha", "challenge"]

    /// Whether an allow rule uses the set; `nil` when the rules that use it make it a block list (not judged). A
    /// `count` rule decides nothing: a set only counted is one whose use is not known (a decoy count rule made an
    /// allowlist of every address a block list, unjudged; review, round 34).
    static func usedByAllowRule(_ actions: Set<String>) -> Bool? {
        let deciding = actions.subtracting(["count"])
        if deciding.isEmpty { return false }
        return deciding.contains("allow") ? true : nil
    }

    /// The entries judged: every one when the set is `used` by an allow rule, else the whole-space ones and those of
    /// a version the entries cover half of together. Empty blocks are left out.
    static func entries(_ cidrs: [(cidr: Located<Fact<String>>, origin: Origin)], used: Bool) -> [AllowlistEntry] {
        let covering = used ? [] : versionsCoveredTogether(cidrs.compactMap { $0.cidr.value.known })
        return cidrs.compactMap { item in
            guard item.cidr.value.known?.isEmpty != true else { return nil }
            if !used && !isWholeSpace(item.cidr.value.known)
                && !covering.contains(where: { version(of: item.cidr.value.known) == $0 }) { return nil }
            return AllowlistEntry(cidr: item.cidr, description: nil, enabled: true, origin: item.origin)
        }
    }

    /// The IP versions whose blocks — none the whole space itself, which is judged alone — cover at least half of
    /// the version's public addresses: no list one would allow, nor one a block list names, so a mistake either way,
    /// judged whole (every public address but one passed as "not all", review of round 34).
    private static func versionsCoveredTogether(_ texts: [String]) -> [IPVersion] {
        let blocks = texts.compactMap { text -> CIDR? in
            guard case .success(let parsed) = CIDRParser.parse(text) else { return nil }
            return parsed.cidr
        }
        return [IPVersion.v4, .v6].filter { version in
            let own = blocks.filter { $0.version == version }
            guard !own.isEmpty, !own.contains(where: \.isWholeSpace) else { return false }
            let unreachable = PublicAddressSpace.unreachable(version)
            let unreachableShare = CIDRCoverage.coveredFraction(unreachable, version: version)
            let covered = CIDRCoverage.coveredFraction(own + unreachable, version: version) - unreachableShare
            return covered >= (1 - unreachableShare) / 2
        }
    }

    private static func version(of text: String?) -> IPVersion? {
        guard let text, case .success(let parsed) = CIDRParser.parse(text) else { return nil }
        return parsed.cidr.version
    }

    private static func isWholeSpace(_ text: String?) -> Bool {
        guard let text, case .success(let parsed) = CIDRParser.parse(text) else { return false }
        return parsed.cidr.isWholeSpace
    }
}
