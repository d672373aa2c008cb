/// The names of a module's configuration files, as OpenTofu reads them: Terraform's `.tf` and `.tf.json`, and
/// OpenTofu's own `.tofu` and `.tofu.json` (https://opentofu.org/docs/language/files/). Where `x.tofu` and `x.tf`
/// are both present OpenTofu reads `x.tofu` and ignores `x.tf` ("Extension Precedence"), and `x.tofu.json` likewise
/// takes the place of `x.tf.json` (OpenTofu's `filterTfPathsWithTofuAlternatives`). Terraform reads no `.tofu` file:
/// a module that has them is an OpenTofu module, or one written for both, and is read as OpenTofu reads it.
package enum TerraformFileName {
    /// The endings of configuration files, the JSON ones first (`x.tf.json` also ends in `.json`, never in `.tf`).
    private static let endings = [".tofu.json", ".tf.json", ".tofu", ".tf"]

    /// The configuration ending of a name, if it has one.
    static func ending(of name: String) -> String? { endings.first { name.hasSuffix($0) } }

    /// Whether a file of this name is module configuration (native or JSON syntax), hidden files aside.
    package static func isConfiguration(_ name: String) -> Bool { !name.hasPrefix(".") && ending(of: name) != nil }

    /// Whether Terraform loads a file of this name as the root module's variable values without being told to:
    /// `terraform.tfvars`, `terraform.tfvars.json`, `*.auto.tfvars` and `*.auto.tfvars.json`.
    package static func isAutomaticVariables(_ name: String) -> Bool {
        name == "terraform.tfvars" || name == "terraform.tfvars.json" || name.hasSuffix(".auto.tfvars") || name.hasSuffix(".auto.tfvars.json")
    }

    /// Whether the file is in the JSON syntax (`.tf.json`, `.tofu.json`).
    static func isJSON(_ name: String) -> Bool { name.hasSuffix(".tf.json") || name.hasSuffix(".tofu.json") }

    /// The name without its configuration ending (`main` for `main.tofu.json`).
    static func stem(_ name: String) -> String {
        guard let ending = ending(of: name) else { return name }
        return String(name.dropLast(ending.count))
    }

    /// The `.tf` (`.tf.json`) file an OpenTofu file of this name takes the place of, or `nil` for other names.
    static func replaced(by name: String) -> String? {
        if name.hasSuffix(".tofu.json") { return stem(name) + ".tf.json" }
        if name.hasSuffix(".tofu") { return stem(name) + ".tf" }
        return nil
    }

    /// The `.tf` (`.tf.json`) files among a directory's names that an OpenTofu file of the same base name takes the
    /// place of, each with that file, in name order.
    static func twins(among names: [String]) -> [(terraform: String, openTofu: String)] {
        let present = Set(names.filter(isConfiguration))
        return present.compactMap { name in replaced(by: name).flatMap { present.contains($0) ? ($0, name) : nil } }
            .sorted { inNameOrder($0.terraform, $1.terraform) }
    }

    /// A `.tf` (or `.tf.json`) file and an OpenTofu file among a directory's names, the first of each in name order,
    /// when it has both: Terraform and OpenTofu then deploy different configurations.
    static func mixed(among names: [String]) -> (terraform: String, openTofu: String)? {
        let configuration = sortedByName(names.filter(isConfiguration))
        let isOpenTofu = { (name: String) in name.hasSuffix(".tofu") || name.hasSuffix(".tofu.json") }
        guard let openTofu = configuration.first(where: isOpenTofu),
              let terraform = configuration.first(where: { !isOpenTofu($0) }) else { return nil }
        return (terraform, openTofu)
    }

    /// The configuration files among a directory's names that OpenTofu reads, in name order.
    static func moduleFiles(among names: [String]) -> [String] {
        let configuration = names.filter(isConfiguration)
        // By bytes, as OpenTofu compares names: two spellings of one text (a precomposed and a decomposed `é`)
        // are two files.
        let taken = Set(configuration.compactMap { Self.replaced(by: $0).map { Array($0.utf8) } })
        return sortedByName(configuration.filter { !taken.contains(Array($0.utf8)) })
    }

    /// File names in Terraform's order: Go compares strings byte by byte, so `e` followed by U+0301 comes before
    /// `f`, where Swift's comparison (of canonically equivalent text) would put the precomposed `é` after it.
    /// The order decides which `*.auto.tfvars` value and which override file wins.
    static func inNameOrder(_ first: String, _ second: String) -> Bool {
        first.utf8.lexicographicallyPrecedes(second.utf8)
    }

    static func sortedByName(_ names: [String]) -> [String] {
        names.sorted(by: inNameOrder)
    }
}
