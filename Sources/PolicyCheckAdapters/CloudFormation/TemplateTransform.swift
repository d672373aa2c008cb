import PolicyCheckModel
import PolicyCheckSyntax

/// A macro the template runs that policycheck cannot expand: `AWS::Include` or a custom macro, named in the template's
/// `Transform` section or as an `Fn::Transform` among the resources — or a registered module, whose resources
/// CloudFormation adds from the registry just as a macro adds them. What it inserts or rewrites exists only once
/// CloudFormation processes the template, so the template cannot be judged whole: an error (exit 2, the gate fails
/// closed) while what the template itself writes is still checked and reported.
struct TemplateTransform {
    /// Where the template names the macro.
    enum Place {
        /// The top-level `Transform` section: the macro processes the whole template
        /// (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/transform-section-structure.html).
        case transformSection
        /// An `Fn::Transform` entry among the resources: the macro adds resources there.
        case resources
        /// An `Fn::Transform` anywhere else (a resource's properties, SAM's `Globals`, `Outputs`): the macro inserts
        /// or rewrites what is there.
        case elsewhere(path: String)
        /// A resource of a registered module's type (`…::MODULE`): the module adds the resources of its fragment.
        case module(logicalID: String)
    }

    /// The macro's name; `nil` when it is not written as a literal string.
    let name: String?
    /// `AWS::Include`'s `Location`, when written as text.
    let location: String?
    let offset: Int
    let place: Place

    /// Transforms hosted by CloudFormation that change nothing the checks read, or whose output policycheck reads
    /// the template for (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/transform-reference.html):
    /// `AWS::Serverless-2016-10-31` (SAM: its `AWS::Serverless::*` resources are read for their regions, as any type
    /// policycheck does not model, …/transform-aws-serverless.html); `AWS::LanguageExtensions` (`Fn::ForEach` and
    /// `Fn::FindInMap`'s `DefaultValue` are read as it expands them, …/transform-aws-languageextensions.html);
    /// `AWS::CodeDeployBlueGreen` (ECS blue/green deployment hooks, …/transform-aws-codedeploybluegreen.html);
    /// `AWS::SecretsManager-<date>` (a rotation function for a secret's hosted rotation,
    /// …/transform-aws-secretsmanager.html); `AWS::ServiceCatalog` (a provisioned product's outputs in place of
    /// `Fn::GetProvisionedProductOutputValue`, which policycheck reads as unknown, …/transform-aws-servicecatalog.html).
    /// `AWS::Include` inserts a file from S3 (…/transform-aws-include.html) and any other name is a macro of the
    /// account's, which may rewrite anything: neither can be read.
    static func isRead(_ name: String) -> Bool {
        readTransforms.contains(name) || datedTransforms.contains { name.hasPrefix($0) }
    }

    /// The AWS transforms read by name, and the families whose names carry a date (`AWS::Serverless-2016-10-31`).
    private static let readTransforms: Set<String> = [
        "AWS::Serverless", "AWS::LanguageExtensions", "AWS::CodeDeployBlueGreen", "AWS::ServiceCatalog",
    ]
    private static let datedTransforms = ["AWS::Serverless-", "AWS::SecretsManager-"]

    /// The macros of a `Transform` section that policycheck cannot read the template through: the section is a
    /// name, a list of names, or `{Name, Parameters}` (as `AWS::Include` is written there), or a list of both.
    static func unread(inSection section: SourceNode?) -> [TemplateTransform] {
        guard let section else { return [] }
        let declarations = section.isSequence ? section.items ?? [] : [section]
        return declarations.compactMap { declaration in
            let transform = TemplateTransform(declaration, place: .transformSection)
            return transform.name.map(isRead) == true ? nil : transform
        }
    }

    /// A transform as written: a literal name, or a mapping with a `Name` (and an `AWS::Include`'s `Location`).
    init(_ declaration: SourceNode, place: Place, offset: Int? = nil) {
        let nameNode = declaration.entries != nil && Intrinsic.parse(declaration) == nil ? declaration["Name"] : declaration
        name = nameNode.flatMap { Intrinsic.parse($0) == nil ? $0.string : nil }
        location = declaration.entries != nil ? declaration["Parameters"]?["Location"]?.string : nil
        self.offset = offset ?? nameNode?.offset ?? declaration.offset
        self.place = place
    }

    /// A module resource: its type, where the type is written, and its logical id.
    init(module type: String, logicalID: String, offset: Int) {
        name = type
        location = nil
        self.offset = offset
        place = .module(logicalID: logicalID)
    }

    /// Every `Fn::Transform` outside the `Transform` section and the `Resources` mapping's own entries — a mapping's
    /// `Fn::Transform` key (`AWS::Include` merges what it inserts into that mapping) or a `!Transform` value — in
    /// document order. "You can use the AWS::Include transform anywhere within the CloudFormation template except in
    /// the template parameters section or the template version"
    /// (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/transform-aws-include.html). Only walked
    /// when the text may spell it (`mentions`).
    static func elsewhere(in root: SourceNode, bytes: [UInt8]) -> [TemplateTransform] {
        guard mentions(bytes) else { return [] }
        var found: [TemplateTransform] = []
        for entry in root.entries ?? [] where entry.key != "Transform" && entry.key != "AWSTemplateFormatVersion" {
            if entry.key == "Resources" {
                // The section's own `Fn::Transform` entries are read with the resources; their bodies are walked.
                for resource in entry.value.entries ?? [] where resource.key != "Fn::Transform" {
                    walk(resource.value, path: "Resources.\(resource.key)", depth: 0, into: &found)
                }
            } else {
                walk(entry.value, path: entry.key, depth: 0, into: &found)
            }
        }
        return found
    }

    private static func walk(_ node: SourceNode, path: String, depth: Int, into found: inout [TemplateTransform]) {
        guard depth < 64 else { return }
        if let call = Intrinsic.parse(node), call.function == "Fn::Transform" {
            found.append(TemplateTransform(call.argument, place: .elsewhere(path: path)))
            return
        }
        if let entries = node.entries {
            for entry in entries {
                if entry.key == "Fn::Transform" {
                    found.append(TemplateTransform(entry.value, place: .elsewhere(path: path), offset: entry.keyOffset))
                } else {
                    walk(entry.value, path: "\(path).\(entry.key)", depth: depth + 1, into: &found)
                }
            }
        } else if let items = node.items {
            for (index, item) in items.enumerated() {
                walk(item, path: "\(path)[\(index)]", depth: depth + 1, into: &found)
            }
        }
    }

    /// Whether the text may call a macro: it spells `Transform`, or holds a backslash, which may spell it in an
    /// escape (`"Fn::\u0054ransform"` is the same key to the parser and to CloudFormation). Most templates hold
    /// neither, and two byte searches spare them the walk.
    private static func mentions(_ bytes: [UInt8]) -> Bool {
        ByteSearch.firstIndex(of: Array("Transform".utf8), in: bytes) != nil
            || ByteSearch.firstIndex(of: [UInt8(ascii: "\\")], in: bytes) != nil
    }

    /// The error that says what cannot be checked and what to check instead.
    func notice(source: SourceFile) -> Diagnostic {
        let quoted = name.map { "'\(Excerpt.quote($0))'" }
        let from = location.map { " from '\(Excerpt.quote($0))'" } ?? ""
        let instead = "check the processed template (aws cloudformation get-template --template-stage Processed)"
        switch place {
        case .resources:
            return Diagnostic(source, offset: offset,
                              "Resources.Fn::Transform: the resources \(quoted ?? "a macro") adds\(from) cannot be checked here (the template's own resources are); \(instead)")
        case .elsewhere(let path):
            return Diagnostic(source, offset: offset,
                              "\(path).Fn::Transform: what \(quoted ?? "a macro") inserts here\(from) when the stack is created cannot be checked here (the template as written is); \(instead)")
        case .module(let logicalID):
            return Diagnostic(source, offset: offset,
                              "Resources.\(logicalID): the resources the module \(quoted ?? "") adds from its template fragment in the CloudFormation registry when the stack is created cannot be checked here (the template's own resources are); \(instead)")
        case .transformSection where name == "AWS::Include":
            return Diagnostic(source, offset: offset,
                              "Transform: what 'AWS::Include' inserts\(from) when the stack is created cannot be checked here (the template as written is); \(instead)")
        case .transformSection:
            let macro = quoted.map { "the macro \($0)" } ?? "a macro not named by a literal string"
            return Diagnostic(source, offset: offset,
                              "Transform: \(macro) processes the whole template when the stack is created, so what it makes of it cannot be checked here (the template as written is); \(instead)")
        }
    }
}
