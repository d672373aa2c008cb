import Foundation
import KeyMaterial
import PolicyCheckModel
import PolicyCheckPolicy
import PolicyCheckSyntax

/// A waiver file (`--waivers`), read and validated: every problem is a located error, and any error makes the
/// whole file unusable (exit 2) — a half-read waiver register would silently change what fails.
public struct WaiverFile: Sendable {
    public static let kind = "Waivers"

    /// The file as shown in reports.
    public var path: String
    /// Lowercase hex SHA-256 of the file's bytes, for the evidence bundle.
    public var sha256: String
    public var waivers: [Waiver]

    public init(path: String, sha256: String, waivers: [Waiver]) {
        self.path = path
        self.sha256 = sha256
        self.waivers = waivers
    }

    /// Reads the file at `path`; `ruleIds` are the rules in force (a waiver for an unknown rule is a typo).
    public static func load(path: String, ruleIds: [String], rules: WaiverRules) throws(Diagnostics) -> WaiverFile {
        let shown = InputPath.display(path)
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Diagnostics([.cannotRead(shown, .waiverFile)])
        }
        return try parse(bytes: [UInt8](data), path: shown, ruleIds: ruleIds, rules: rules)
    }

    /// Parses and validates waiver file bytes.
    public static func parse(bytes: [UInt8], path: String, ruleIds: [String], rules: WaiverRules = WaiverRules()) throws(Diagnostics) -> WaiverFile {
        let parsed = try SettingsDocument.parse(bytes, path: path)
        let root = try parsed.requireRoot("the waiver file is empty")
        let source = parsed.source
        let reader = NodeReader(source: source)
        let waivers = WaiverReader(reader: reader, ruleIds: ruleIds, known: KnownRules(ruleIds), rules: rules).read(root)
        guard reader.diagnostics.isEmpty else { throw Diagnostics(reader.diagnostics.sorted()) }
        return WaiverFile(path: path, sha256: Digest.sha256(bytes), waivers: waivers)
    }
}

/// Reads the entries of one waiver document.
private struct WaiverReader {
    static let fields = ["rule", "resource", "file", "reason", "requestedBy", "approvedBy", "approvedOn", "expires",
                         "ticket", "risk", "compensatingControl"]
    static let risks = ["critical", "high", "medium", "low"]

    let reader: NodeReader
    let ruleIds: [String]
    /// The same ids, prepared once for every waiver of the file.
    let known: KnownRules
    let rules: WaiverRules
    let names = PersonName.Memo()

    func read(_ root: SourceNode) -> [Waiver] {
        guard let document = reader.object(root, path: "") else { return [] }
        document.allowOnly(["apiVersion", "kind", "waivers"])
        if let version = document.string("apiVersion", required: true), version.value != PolicyLoader.apiVersion {
            reader.error(at: version.origin.offset,
                         "unsupported apiVersion '\(Excerpt.quote(version.value))'; expected '\(PolicyLoader.apiVersion)'")
        }
        _ = document.choice("kind", [WaiverFile.kind], required: true)
        guard let items = document.list("waivers", required: true) else { return [] }
        let read = items.compactMap { item in
            reader.object(item.node, path: item.path).flatMap(waiver).map { (waiver: $0, offset: item.node.offset) }
        }
        if !rules.allowBlanket { refuseSplitBlankets(read) }
        return read.map(\.waiver)
    }

    /// Waivers for the same resources (and file) whose rule patterns together match every rule in force are a
    /// blanket waiver split in parts: `MMC-[A-M]*` and `MMC-[N-Z]*` for one resource waive every rule as `*` would,
    /// which alone is refused (a hostile pull request's, docs/security.md). Literal ids count too — a list naming
    /// every rule is the same waiver.
    private func refuseSplitBlankets(_ waivers: [(waiver: Waiver, offset: Int)]) {
        guard ruleIds.count > 1 else { return }
        var groups: [String: [(waiver: Waiver, offset: Int)]] = [:]
        var order: [String] = []
        for entry in waivers {
            let key = "\(entry.waiver.resource)\u{0}\(entry.waiver.file ?? "")"
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(entry)
        }
        for key in order {
            guard let group = groups[key], group.count > 1, let last = group.last else { continue }
            guard ruleIds.allSatisfy({ id in group.contains { Waiver.matches($0.waiver.rule, id) } }) else { continue }
            let places = group.map { "\($0.waiver.line):\($0.waiver.column)" }.joined(separator: ", ")
            reader.error(at: last.offset,
                         "the waivers at \(places) for resource '\(Excerpt.quote(last.waiver.resource))' together match every "
                            + "rule in force: a blanket waiver is accepted only with --allow-blanket-waivers; name the rules")
        }
    }

    private func waiver(_ view: ObjectView) -> Waiver? {
        view.allowOnly(Self.fields)
        let rule = text(view, "rule")
        let resource = text(view, "resource")
        let file = view.string("file").map(\.value)
        let reason = text(view, "reason")
        let requestedBy = text(view, "requestedBy")
        let approvedBy = text(view, "approvedBy")
        let approvedOn = view.timestamp("approvedOn", required: true)
        let expires = view.timestamp("expires", required: true)
        let expiresText = view.string("expires")?.value
        let ticket = view.string("ticket").map(\.value)
        let risk = view.choice("risk", Self.risks).map(\.value)
        let control = view.string("compensatingControl").map(\.value)
        if let rule { checkRule(rule, view) }
        if let resource, !rules.allowBlanket, rules.isBlanket(resource: resource.value) {
            reader.error(at: resource.origin.offset, "'\(view.childPath("resource"))' pattern '\(Excerpt.quote(resource.value))' matches every "
                            + "resource: a blanket waiver is accepted only with --allow-blanket-waivers; name the resources")
        }
        if let requestedBy, let approvedBy, names.same(requestedBy.value, approvedBy.value) {
            reader.error(at: approvedBy.origin.offset,
                         "'\(view.childPath("approvedBy"))' must be someone other than the requester "
                            + "('\(Excerpt.quote(requestedBy.value))'): a waiver needs a second person's approval")
        }
        if let approvedOn, let now = rules.evaluatedAt, approvedOn.value > now {
            reader.error(at: approvedOn.origin.offset,
                         "'\(view.childPath("approvedOn"))' (\(approvedOn.value.description.hasSuffix("T00:00:00Z") ? approvedOn.value.dateDescription : approvedOn.value.description)) is after the evaluation time "
                            + "(\(now.description)): a waiver is not in force before it is approved")
        } else if let approvedOn, let clock = rules.inForceAt, let now = rules.evaluatedAt, clock < now, approvedOn.value > clock {
            reader.error(at: approvedOn.origin.offset,
                         "'\(view.childPath("approvedOn"))' (\(approvedOn.value.dateDescription)) is after the clock's time "
                            + "(\(clock.description)): a later SOURCE_DATE_EPOCH (\(now.description)) does not put a waiver "
                            + "in force before it is approved")
        }
        if let approvedOn, let expires {
            if expires.value <= approvedOn.value {
                reader.error(at: expires.origin.offset, "'\(view.childPath("expires"))' must be after 'approvedOn' (\(approvedOn.value.dateDescription))")
            } else if expires.value > Self.oneYear(after: approvedOn.value) {
                reader.error(at: expires.origin.offset,
                             "'\(view.childPath("expires"))' is more than a year after 'approvedOn' (\(approvedOn.value.dateDescription)); "
                                + "waivers must be renewed at least yearly")
            }
        }
        guard let rule, let resource, let reason, let requestedBy, let approvedBy, let approvedOn, let expires,
              let expiresText else { return nil }
        // A date without a time is valid through the end of that day (UTC).
        let expiresAt = expiresText.count == 10 ? expires.value.adding(days: 1) : expires.value
        let location = reader.source.location(ofOffset: view.node.offset)
        return Waiver(rule: rule.value, resource: resource.value, file: file, reason: reason.value,
                      requestedBy: requestedBy.value, approvedBy: approvedBy.value, approvedOn: approvedOn.value,
                      expiresAt: expiresAt, expires: expiresText, ticket: ticket, risk: risk, compensatingControl: control,
                      source: reader.source.path, line: location.line, column: location.column)
    }

    /// A required string that must not be blank.
    private func text(_ view: ObjectView, _ key: String) -> Located<String>? {
        guard let value = view.string(key, required: true) else { return nil }
        // A visible ASCII first character settles it without Foundation (most values start with one).
        let visible = value.value.utf8.first.map { $0 > 0x20 && $0 < 0x7F } ?? false
        guard visible || !value.value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            reader.error(at: value.origin.offset, "'\(view.childPath(key))' must not be blank")
            return nil
        }
        return value
    }

    private func checkRule(_ rule: Located<String>, _ view: ObjectView) {
        if Waiver.isGlob(rule.value) {
            if !rules.allowBlanket, WaiverRules.isBlanketRule(rule.value, ruleIds: ruleIds) {
                reader.error(at: rule.origin.offset, "'\(view.childPath("rule"))' pattern '\(Excerpt.quote(rule.value))' matches every rule "
                                + "in force: a blanket waiver is accepted only with --allow-blanket-waivers; name the rules")
            } else if !ruleIds.contains(where: { Waiver.matches(rule.value, $0) }) {
                reader.error(at: rule.origin.offset,
                             "'\(view.childPath("rule"))' pattern '\(Excerpt.quote(rule.value))' matches no rule in the policy packs in force")
            }
        } else if !known.contains(rule.value) {
            reader.error(at: rule.origin.offset,
                         "'\(view.childPath("rule"))' names unknown rule '\(Excerpt.quote(rule.value))'"
                            + known.suggestion(for: rule.value))
        }
    }

    /// The same calendar date a year later (29 February becomes 1 March).
    static func oneYear(after time: Timestamp) -> Timestamp {
        let text = time.description
        guard let year = Int(text.prefix(4)) else { return time.adding(days: 365) }
        var rest = String(text.dropFirst(4))
        if rest.hasPrefix("-02-29") { rest = "-03-01" + rest.dropFirst(6) }
        return Timestamp(iso8601: String(year + 1) + rest) ?? time.adding(days: 366)
    }
}
