import Foundation
import PolicyCheckNetwork
import PolicyCheckSyntax

/// The Terraform built-in functions configurations use for the settings policycheck checks. A function it does
/// not implement gives an unknown value naming the function — never a guess and never an error.
struct TerraformFunctions {
    let scope: TerraformScope

    typealias Function = @Sendable ([TerraformValue], Int) throws(TerraformEvaluationError) -> TerraformValue

    /// Functions that read their arguments' structure and keep unknowns inside it (the rest need known arguments).
    private static let structural: Set<String> = [
        "merge", "concat", "lookup", "element", "tolist", "tomap", "flatten", "length", "coalesce", "coalescelist",
        "keys", "values", "zipmap", "one", "slice", "reverse", "compact", "try",
        // Only mark a value; Terraform's alltrue/anytrue decide past an unknown element (a false, a true) in order.
        "sensitive", "nonsensitive", "alltrue", "anytrue",
    ]

    /// Structural functions that read a map's or object's members.
    private static let readsMembers: Set<String> = ["merge", "lookup", "keys", "values", "tomap", "length"]

    func call(_ written: String, _ arguments: [TerraformValue], at offset: Int) throws(TerraformEvaluationError) -> TerraformValue {
        // `core::max` is `max` (Terraform 1.8 on); a provider's function (`provider::aws::arn_parse`) is the provider's.
        let name = written.hasPrefix("core::") ? String(written.dropFirst("core::".count)) : written
        if !name.hasPrefix("provider::"), !Self.builtins.contains(name) {
            throw TerraformEvaluationError("call to unknown function: there is no function named '\(Excerpt.quote(written))' "
                                           + "(Terraform refuses the configuration)", at: offset, isStatic: true)
        }
        guard let function = Self.table[name] else {
            if name == "file" {
                if let unknown = arguments.first(where: \.containsUnknown) { return .unknown(unknown.firstUnknown!.unknownReason!, at: offset) }
                return try file(arguments, at: offset)
            }
            return .unknown(Self.notEvaluated(name), at: offset)
        }
        // yamlencode's text is YAML, of which JSON is a part: what either encodes reads back as the same value.
        if name == "jsonencode" || name == "yamlencode", arguments.count == 1, let document = Self.partiallyKnown(arguments[0]) {
            var text = TerraformValue.unknown(arguments[0].firstUnknown!.unknownReason!, at: offset)
            text.encodedDocument = TerraformValue.EncodedDocument(document)
            return text
        }
        if let unknown = arguments.first(where: { Self.structural.contains(name) ? $0.isUnknown : $0.containsUnknown }) {
            return .unknown((unknown.firstUnknown ?? unknown).unknownReason!, at: offset)
        }
        // A whole resource is an object of every attribute its provider's schema has, most computed: what a function
        // reads of its members (its keys, its size, a merge with it) is known only after apply (before, an error
        // stopped the module: "must be a map or object, not a resource"; tester, round 34).
        if !Self.structural.contains(name), let address = arguments.lazy.compactMap(Self.wholeResource).first {
            return .unknown("comes from \(name)() of the whole resource \(address), whose computed attributes are known only after apply", at: offset)
        }
        // A `count` resource is a list and a `for_each` one a map, whose size and keys are known: only a single
        // resource itself, as an argument, is an object of unknown members.
        if Self.readsMembers.contains(name),
           let address = arguments.lazy.compactMap({ value -> String? in
               if case .resource(let address, _) = value.kind { return address }
               return nil
           }).first {
            return .unknown("comes from \(name)() of the whole resource \(address), whose computed attributes are known only after apply", at: offset)
        }
        return try function(arguments, offset)
    }

    /// A collection with unknowns inside but a known shape, which `jsonencode` encodes once they are known: its
    /// text is unknown, its structure is kept (`TerraformValue.encodedDocument`). Not a whole resource, whose
    /// attributes the configuration does not all say.
    private static func partiallyKnown(_ value: TerraformValue) -> TerraformValue? {
        switch value.kind {
        case .list, .object:
            return value.containsUnknown && wholeResource(in: value) == nil ? value : nil
        default:
            return nil
        }
    }

    /// Every function a configuration may call: Terraform's (`internal/lang/functions.go`, with `strcontains` and
    /// `plantimestamp` from 1.5, `issensitive` from 1.8, `templatestring` from 1.9, `ephemeralasnull` from 1.10) and
    /// OpenTofu's own (`base64gunzip`, `cidrcontains`, `urldecode`), whether or not policycheck evaluates them. Any
    /// other name is "Call to unknown function" in Terraform, which refuses the configuration: a typo (`parseInt`)
    /// that made a value unknown, an info, and a passing run is an error (tester, round 33). `type` exists only in
    /// `terraform console`.
    static let builtins: Set<String> = [
        "abs", "abspath", "alltrue", "anytrue", "basename", "base64decode", "base64encode", "base64gzip", "base64sha256",
        "base64sha512", "bcrypt", "can", "ceil", "chomp", "cidrhost", "cidrnetmask", "cidrsubnet", "cidrsubnets",
        "coalesce", "coalescelist", "compact", "concat", "contains", "csvdecode", "dirname", "distinct", "element",
        "endswith", "chunklist", "file", "fileexists", "fileset", "filebase64", "filebase64sha256", "filebase64sha512",
        "filemd5", "filesha1", "filesha256", "filesha512", "flatten", "floor", "format", "formatdate", "formatlist",
        "indent", "index", "join", "jsondecode", "jsonencode", "keys", "length", "list", "log", "lookup", "lower", "map",
        "matchkeys", "max", "md5", "merge", "min", "one", "parseint", "pathexpand", "pow", "range", "regex", "regexall",
        "replace", "reverse", "rsadecrypt", "sensitive", "nonsensitive", "setintersection", "setproduct", "setsubtract",
        "setunion", "sha1", "sha256", "sha512", "signum", "slice", "sort", "split", "startswith", "strrev", "substr",
        "sum", "textdecodebase64", "textencodebase64", "timestamp", "timeadd", "timecmp", "title", "tostring", "tonumber",
        "tobool", "toset", "tolist", "tomap", "transpose", "trim", "trimprefix", "trimspace", "trimsuffix", "try",
        "upper", "urlencode", "uuid", "uuidv5", "values", "yamldecode", "yamlencode", "zipmap", "templatefile",
        "strcontains", "plantimestamp", "issensitive", "templatestring", "ephemeralasnull",
        "base64gunzip", "cidrcontains", "urldecode",
    ]

    /// Why a call policycheck does not evaluate is unknown (docs/terraform-source.md, "What cannot be verified").
    static func notEvaluated(_ name: String, _ detail: String = "") -> String {
        "it uses \(name)()\(detail), which policycheck does not evaluate"
    }

    /// The most elements a function builds, and the longest text (in Unicode scalars): a hostile module may ask for
    /// gigabytes (`indent(1e11, …)`, `setproduct` of five 60-element ranges) — past these the value is unknown,
    /// never a crash or the runner's memory. `range` keeps its own 1,024.
    static let maxElements = 100_000
    static let maxTextScalars = 1 << 20

    /// Why a result past those bounds is not evaluated.
    static func tooLarge(_ name: String) -> String {
        "it uses \(name)() with a result larger than policycheck evaluates (\(maxElements) elements or \(maxTextScalars) characters)"
    }

    /// The address of a whole resource instance in a value (`aws_s3_bucket.x`, or one of `for_each`'s map): it holds
    /// the attributes the provider computes (`id`, `arn`, …), unknown until apply, so a function that reads all of
    /// it — `jsonencode` gave `null` for it, a known value a condition could test — gives a value unknown as well.
    private static func wholeResource(in value: TerraformValue) -> String? {
        switch value.kind {
        case .resource(let address, _): return address
        case .list(let items): return items.lazy.compactMap(wholeResource).first
        // Members are sorted (for the same address every time) only when one holds a resource.
        case .object(let members) where members.values.contains(where: holdsResource):
            return value.sortedMembers!.lazy.compactMap { wholeResource(in: $0.value) }.first
        default: return nil
        }
    }

    private static func holdsResource(_ value: TerraformValue) -> Bool {
        switch value.kind {
        case .resource: return true
        case .list(let items): return items.contains(where: holdsResource)
        case .object(let members): return members.values.contains(where: holdsResource)
        default: return false
        }
    }

    /// Every function but `file`, which reads through the scope.
    private static let table: [String: Function] = {
        var table = collections
        table.merge(strings) { first, _ in first }
        table.merge(numbers) { first, _ in first }
        table.merge(network) { first, _ in first }
        for more in [lists, text, regexes, subnets, encodings] { table.merge(more) { first, _ in first } }
        return table
    }()

    /// `file(path)`: the file's text when the scope may read it, else unknown.
    private func file(_ arguments: [TerraformValue], at offset: Int) throws(TerraformEvaluationError) -> TerraformValue {
        let path = try Self.string(arguments, 0, "file", at: offset)
        guard let text = scope.readFile(path) else {
            return .unknown("it comes from file(\"\(Excerpt.quote(path))\"), which could not be read", at: offset)
        }
        return .string(text, at: offset)
    }

    // MARK: - Argument helpers

    static func count(_ arguments: [TerraformValue], _ range: ClosedRange<Int>, _ name: String,
                      at offset: Int) throws(TerraformEvaluationError) {
        guard range.contains(arguments.count) else {
            let expected = range.lowerBound == range.upperBound ? "\(range.lowerBound)" : "\(range.lowerBound) to \(range.upperBound)"
            throw .call(name, "expects \(expected) argument\(range.upperBound == 1 ? "" : "s"), got \(arguments.count)", at: offset)
        }
    }

    static func string(_ arguments: [TerraformValue], _ index: Int, _ name: String,
                       at offset: Int) throws(TerraformEvaluationError) -> String {
        guard index < arguments.count else { throw .call(name, "expects at least \(index + 1) arguments", at: offset) }
        guard let text = arguments[index].stringValue else {
            throw .call(name, "argument \(index + 1) must be a string, not a \(arguments[index].typeName)", at: offset)
        }
        return text
    }

    static func number(_ arguments: [TerraformValue], _ index: Int, _ name: String,
                       at offset: Int) throws(TerraformEvaluationError) -> Double {
        guard index < arguments.count else { throw .call(name, "expects at least \(index + 1) arguments", at: offset) }
        guard let number = arguments[index].numberValue else {
            throw .call(name, "argument \(index + 1) must be a number, not a \(arguments[index].typeName)", at: offset)
        }
        return number
    }

    static func list(_ arguments: [TerraformValue], _ index: Int, _ name: String,
                     at offset: Int) throws(TerraformEvaluationError) -> [TerraformValue] {
        guard index < arguments.count else { throw .call(name, "expects at least \(index + 1) arguments", at: offset) }
        if arguments[index].isNull { return [] }
        guard let items = arguments[index].items else {
            throw .call(name, "argument \(index + 1) must be a list, not a \(arguments[index].typeName)", at: offset)
        }
        return items
    }

    static func object(_ arguments: [TerraformValue], _ index: Int, _ name: String,
                       at offset: Int) throws(TerraformEvaluationError) -> [String: TerraformValue] {
        guard index < arguments.count else { throw .call(name, "expects at least \(index + 1) arguments", at: offset) }
        switch arguments[index].kind {
        case .object(let members): return members
        case .null: return [:]
        default: throw .call(name, "argument \(index + 1) must be a map or object, not a \(arguments[index].typeName)", at: offset)
        }
    }
}
