import ArgumentParser
import Foundation
import PolicyCheckKit

/// Values for the variables of the Terraform root modules `check` and `report` read from source
/// (docs/terraform-source.md), as `terraform plan -var-file`/`-var` give them: after the module's own `.tfvars`,
/// in command-line order, later winning.
struct TerraformOptions: ParsableArguments {
    @Option(name: .customLong("tf-var"), help: ArgumentHelp("A value for a root module variable, as terraform's -var NAME=VALUE; repeatable.", valueName: "name=value"))
    var variables: [String] = []

    @Option(name: .customLong("tf-var-file"), help: ArgumentHelp("A .tfvars or .tfvars.json file for every root module, as terraform's -var-file; repeatable.", valueName: "file"))
    var variableFiles: [String] = []

    /// The flags given, over `.policycheck.yaml`'s `terraform.varFiles` and `terraform.vars`. A bad `NAME=VALUE` or
    /// a file that cannot be read is one error line.
    func apply(to flags: inout RunSettings.Flags) throws {
        guard !variables.isEmpty || !variableFiles.isEmpty else { return }
        var values: [TerraformVariableInput] = []
        for (position, text) in variables.enumerated() {
            // The text is not echoed: it may hold a secret.
            guard let input = TerraformVariableInput.assignment(text) else {
                throw CommandFailure("error: --tf-var #\(position + 1) is not NAME=VALUE with NAME a Terraform variable name (letters, digits, '_' and '-', not starting with a digit)")
            }
            values.append(input)
        }
        for path in variableFiles {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
                  FileManager.default.isReadableFile(atPath: path) else {
                throw CommandFailure("\(path): error: --tf-var-file: cannot read the file")
            }
        }
        flags.terraformVariables = Self.ordered(files: variableFiles, values: values, arguments: Array(CommandLine.arguments.dropFirst()))
    }

    /// Files and values interleaved as the command line gives them (Terraform applies `-var-file` and `-var` in
    /// that order); the parser keeps each option's values apart, so the order is read back from the arguments.
    static func ordered(files: [String], values: [TerraformVariableInput], arguments: [String]) -> [TerraformVariableInput] {
        var kinds: [Bool] = []  // true: a file
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if argument == "--" { break }
            if argument == "--tf-var" || argument == "--tf-var-file" {
                kinds.append(argument == "--tf-var-file")
                index += 2
                continue
            }
            if argument.hasPrefix("--tf-var=") { kinds.append(false) }
            if argument.hasPrefix("--tf-var-file=") { kinds.append(true) }
            index += 1
        }
        guard kinds.filter({ $0 }).count == files.count, kinds.filter({ !$0 }).count == values.count else {
            return files.map { .file($0) } + values
        }
        var fileQueue = files[...]
        var valueQueue = values[...]
        return kinds.map { $0 ? .file(fileQueue.removeFirst()) : valueQueue.removeFirst() }
    }
}
