import Foundation
import KeyMaterial
import PolicyCheckAdapters
import PolicyCheckModel
import PolicyCheckSyntax

/// Reads one input into deployments: bytes → text → JSON/YAML tree → format → adapter.
public struct InputReader: Sendable {
    /// Largest file read (bigger ones are an error, never a partial read).
    public var maxFileBytes: Int = 256 << 20
    /// Read every input in this format instead of detecting it.
    public var format: InputFormat?
    public var options = AdapterOptions()
    /// How key material files are read (inspected, or verified for `keys verify`).
    public var keyFiles = KeyFileReader()
    /// Record the SHA-256 of every input's bytes (evidence bundles).
    public var hashInputs = false
    /// Read BYOK material files outside the input's checked tree (`--allow-outside-tree`).
    public var allowOutsideTree = false

    public init() {}

    /// What became of one input.
    public struct Result: Sendable {
        public var input: InputDiscovery.Input
        public var deployments: [Deployment] = []
        public var errors: [Diagnostic] = []
        /// Notices that do not stop the run (a Terraform module's remote sources).
        public var warnings: [Diagnostic] = []
        /// Why a file found in a directory was not checked (not a manifest, empty, binary).
        public var skipReason: String?
        /// SHA-256 of the bytes read, when `hashInputs` is on and the file holds no secret key.
        public var sha256: String?
        /// The file holds a secret key (a private or symmetric key, bare or in a manifest): its digest would be a
        /// check value for the secret, so none is recorded (docs/security.md).
        public var digestWithheld = false
        /// Why the digest is withheld, when not for a secret key.
        public var withheldBecause: String?
        /// For a Terraform module: the files `sha256` is the digest of, recorded beside it in evidence.
        public var manifest: ModuleManifest?

        package mutating func withholdDigest() {
            sha256 = nil
            manifest = nil
            digestWithheld = true
        }
        /// How an evaluated input was produced (`rendered by helm template (v3.16.2)`), for the population.
        public var note: String?

        package init(input: InputDiscovery.Input) {
            self.input = input
        }
    }

    public func read(_ input: InputDiscovery.Input, stdin: [UInt8]? = nil) -> Result {
        if input.isTerraformModule { return readTerraformModule(input) }
        var result = Result(input: input)
        if let reason = input.skipReason {
            result.skipReason = reason
            return result
        }
        let raw: [UInt8]
        do {
            raw = try stdin ?? readBytes(input.path)
        } catch let error as Diagnostic {
            result.errors = [Diagnostic(file: input.displayPath, location: nil, message: error.message)]
            return result
        } catch {
            result.errors = [.cannotRead(input.displayPath, .file)]
            return result
        }
        if hashInputs { result.sha256 = Digest.sha256(raw) }
        // Key material first: no name (a JSONC one included) lets a private key pass as something else.
        if format == .keyMaterial || (format == nil && KeyFileReader.claims(path: input.displayPath, raw: raw)) {
            return readKeyFile(raw, result)
        }
        // A chart's template reached for a key it seems to hold is only searched for keys: it is YAML only once
        // rendered, and the chart is checked rendered.
        if input.isTemplated {
            result.skipReason = "Helm template: Go template actions ({{ … }}) make it YAML only once rendered"
            return withKeysInText(result, raw)
        }
        // A walked file is an input only if it could be one: see `InputMarkers` for why a marker keeps it an error.
        let tolerant = !input.isExplicit && format == nil
        if tolerant && NotAnInput.conventionalJSONC(input.displayPath) && InputMarkers.marker(in: raw) == nil {
            result.skipReason = NotAnInput.byName(input.displayPath)
            return withKeysInText(result, raw)
        }
        if TextDecoding.isProbablyBinary(raw) {
            return withKeysInText(skipOrFail(result, "is a binary file, not a manifest", skip: "binary: not a text file"), raw)
        }
        let text: [UInt8]
        do {
            text = try TextDecoding.utf8Text(from: raw)
        } catch {
            let diagnostic = Diagnostic(SourceFile(path: input.displayPath, bytes: raw), offset: error.offset, error.message)
            return withKeysInText(tolerate(diagnostic, raw, result) { NotAnInput.notText(location: $0, message: error.message) }, raw)
        }
        let source = SourceFile(path: input.displayPath, bytes: text)
        let documents: [SourceNode]
        do {
            documents = input.displayPath.lowercased().hasSuffix(".toml") ? [try TOMLReader().read(text)] : try parse(text)
        } catch {
            let diagnostic = Diagnostic(source, offset: error.offset, Self.readAsJSONNote(text, path: input.displayPath) + error.message)
            return withKeysInText(tolerate(diagnostic, text, result) { location in
                NotAnInput.reason(text: text, path: input.displayPath, location: location, message: error.message)
            }, text)
        }
        if documents.isEmpty { return skipOrFail(result, "is empty: it holds no document", skip: "empty: no document") }
        let embeddedKeys = EmbeddedKeyScan.keyFiles(in: documents, source: source)
        if !embeddedKeys.isEmpty { result.withholdDigest() }
        guard let adapter = format.flatMap(AdapterRegistry.adapter(for:)) ?? AdapterRegistry.detect(documents) else {
            if !embeddedKeys.isEmpty {
                result.deployments = [Self.keyDeployment(embeddedKeys, source: source)]
                return result
            }
            let formats = AdapterRegistry.all.map(\.format.rawValue).joined(separator: ", ")
            return skipOrFail(result, "is not a manifest policycheck reads (formats: \(formats))",
                              skip: "not a manifest: in none of the formats policycheck reads (\(formats))")
        }
        if format == nil, let (index, other) = AdapterRegistry.otherFormat(in: documents, than: adapter) {
            result.errors.append(Diagnostic(source, offset: documents[index].offset,
                "document \(index + 1) is \(other.format.rawValue), but the file is read as \(adapter.format.rawValue), the format of another of its documents; a file is read in one format, so put each format in a file of its own"))
        }
        var options = self.options
        if input.path != "-" {
            options.inputDirectory = InputPath.parent(of: InputPath.standardized(input.path,
                                                                               in: FileManager.default.currentDirectoryPath))
            options.tree = input.tree
        }
        switch adapter.read(documents, source, options) {
        case .success(let deployments):
            result.deployments = deployments
            // A SAM configuration's parameter overrides often hold passwords (a NoEcho parameter's value): its
            // digest would be a check value for them.
            if SAMConfigNames.names(input.displayPath), ByteSearch.firstIndex(of: Array("parameter_overrides".utf8), in: text) != nil {
                result.withholdDigest()
                result.withheldBecause = "may hold secret parameter values (parameter_overrides): no digest of it is published"
            }
            // A notice quotes what the input says, which may be a value it marks secret.
            let notices = deployments.flatMap { deployment in deployment.notices.map { $0.redacting(deployment.sensitiveValues) } }
            result.errors += notices.filter { $0.severity == .error }
            result.warnings += notices.filter { $0.severity != .error }
        case .failure(let problems): result.errors += problems.items
        }
        let base = input.path == "-" ? FileManager.default.currentDirectoryPath : InputPath.parent(of: input.path)
        let resolver = ByokMaterialResolver(baseDirectory: base.isEmpty ? "." : base, reader: keyFiles,
                                            tree: allowOutsideTree ? nil : input.tree ?? .workingDirectory)
        for index in result.deployments.indices {
            result.errors += resolver.resolve(&result.deployments[index])
        }
        if !embeddedKeys.isEmpty { result.deployments.append(Self.keyDeployment(embeddedKeys, source: source)) }
        if result.deployments.isEmpty && result.errors.isEmpty {
            return skipOrFail(result, "holds no \(adapter.format.rawValue) document policycheck can check",
                              skip: "nothing to check: no \(adapter.format.rawValue) document policycheck can check")
        }
        return result
    }

    /// A manifest-named file that is not read as one — JSON with comments by its name, binary, not UTF-8 text, or
    /// not parsed (a Helm template, a broken YAML file) — still commits any private key it holds: the key is checked
    /// (`EmbeddedKeyScan.keyFiles(inText:)`), and the file is no longer a skip (an error stays an error).
    private func withKeysInText(_ result: Result, _ bytes: [UInt8]) -> Result {
        var text = bytes
        var keys = EmbeddedKeyScan.keyFiles(inText: SourceFile(path: result.input.displayPath, bytes: bytes))
        // UTF-16 text (Windows editors and PowerShell write it) is read as the text it is.
        if keys.isEmpty, bytes.contains(0), let decoded = try? TextDecoding.utf8Text(from: bytes), decoded != bytes {
            text = decoded
            keys = EmbeddedKeyScan.keyFiles(inText: SourceFile(path: result.input.displayPath, bytes: decoded))
        }
        guard !keys.isEmpty else { return result }
        // Findings are placed at the key's line: the source kept holds where lines break, nothing else.
        let source = SourceFile(path: result.input.displayPath, bytes: Self.lineBreaks(text))
        var result = result
        result.withholdDigest()
        result.skipReason = nil
        result.deployments = [Self.keyDeployment(keys, source: source)]
        return result
    }

    /// A Terraform module directory becomes one deployment, evaluated from its source.
    private func readTerraformModule(_ input: InputDiscovery.Input) -> Result {
        var result = Result(input: input)
        let tree = allowOutsideTree ? nil : input.tree ?? .workingDirectory
        let outcome = TerraformSourceReader(options: options, tree: tree).read(directory: input.path, name: input.displayPath)
        result.errors = outcome.errors
        result.warnings = outcome.notices
        result.deployments = outcome.deployment.map { [$0] } ?? []
        if outcome.files.contains(where: { EmbeddedKeyScan.holdsPrivateKey($0.bytes) }) {
            result.withholdDigest()
            // A module named by one of its files (`check infra/main.tf`) is not walked, so no key scan reads its
            // files: their keys (a heredoc, a `.tfvars` value) are reported here.
            if input.isExplicit {
                for file in outcome.files {
                    let keys = EmbeddedKeyScan.keyFiles(inText: file)
                    if !keys.isEmpty {
                        result.deployments.append(Self.keyDeployment(keys, source: SourceFile(path: file.path, bytes: Self.lineBreaks(file.bytes))))
                    }
                }
            }
        } else if hashInputs {
            let manifest = ModuleManifest(files: outcome.files)
            result.sha256 = manifest.digest
            result.manifest = manifest
        }
        return result
    }

    /// A key material file becomes a deployment of its own, holding only the inspection results. A file named on the
    /// command line (or to `keys verify`) must be key material throughout; a walked one is read as its name says
    /// (`KeyFileName.scanMode`), so a PEM header in prose or binary data is a skip, not an error.
    private func readKeyFile(_ raw: [UInt8], _ result: Result) -> Result {
        var result = result
        let path = result.input.displayPath
        let named = format == .keyMaterial || result.input.isExplicit
        let mode: KeyScanMode = named ? .strict : result.input.isTemplated ? .found : KeyFileName.scanMode(path)
        let role: KeyFileRole = format == .keyMaterial ? .verified : .inTree
        var reading = keyFiles.read(raw, path: path, role: role, origin: Origin(offset: 0, path: ""), mode: mode)
        // A file may carry a key as programs and comments do (indented, commented out, quoted line by line): its
        // PEM blocks are read as such when the file as written gives no secret, whatever its name.
        // UTF-16 text is read as the text it is.
        var replacedByEmbedded = false
        let text = reading.file.secrets.isEmpty && raw.contains(0) ? (try? TextDecoding.utf8Text(from: raw)) ?? raw : raw
        if reading.file.secrets.isEmpty, KeyFileSniffer.mentionsPrivateKey(text) {
            var embedded = keyFiles.read(EmbeddedPEMText.blocks(in: text), path: path, role: role,
                                         origin: Origin(offset: 0, path: ""), mode: .found)
            if !embedded.file.secrets.isEmpty {
                embedded.file.size = raw.count
                reading = embedded
                replacedByEmbedded = true
            }
        }
        // A file that only its content made key material (a Go test, a README) is read for the secrets it holds:
        // its certificates and public keys are a program's test data, not this tree's keys.
        // It is reported at the line of its first private key's label, not at 1:1 (a key at line 2,000 of a test
        // file is annotated there); the source kept for that holds the file's line breaks and nothing else.
        var lines: [UInt8] = []
        if !named, KeyFileName.ending(path) != nil, !KeyFileName.marksKeyMaterial(path), !reading.file.secrets.isEmpty {
            reading.file.objects = reading.file.secrets
            if let label = KeyFileSniffer.firstPrivateKeyLabel(text) ?? ByteSearch.firstIndex(of: Array("-----BEGIN ".utf8), in: text) {
                lines = Self.lineBreaks(text)
                reading.file.origin = Origin(offset: label, path: "")
            }
        }
        // A file of several PEM blocks read from its own bytes: each block's findings point at its BEGIN line (the
        // source kept for that holds the line breaks and nothing else, as above).
        if lines.isEmpty, reading.file.objects.count > 1, reading.file.problem == nil,
           reading.file.objects.contains(where: { $0.encoding == .pem }), !replacedByEmbedded {
            reading.file.blockOffsets = PEMBlockPlaces.beginOffsets(raw)
            lines = Self.lineBreaks(raw)
        }
        let file = reading.file
        if let problem = file.problem {
            // A private key this reader could not read is still a secret: its digest would confirm a guess of it.
            if KeyFileSniffer.mentionsPrivateKey(raw) { result.withholdDigest() }
            let notKeyMaterial = problem == "not key material"
            // Built only for a message: a location in a broken key file, or where an ignored header lies.
            let source = SourceFile(path: path, bytes: raw)
            if !result.input.isExplicit && notKeyMaterial {
                result.skipReason = "not key material: " + KeyFileReader.notKeyMaterialReason(reading.ignored, source: source)
            } else {
                let message = notKeyMaterial ? "the file is not recognised key material (PEM, DER, OpenSSH, PuTTY, or a raw, hex or base64 AES key)" : problem
                result.errors.append(reading.failureOffset.map { Diagnostic(source, offset: $0, message) }
                                     ?? Diagnostic(file: path, location: SourceLocation(line: 1, column: 1), message: message))
            }
            return result
        }
        if !file.secrets.isEmpty { result.withholdDigest() }
        // The source keeps no bytes (at most where lines break): nothing of a key file can reach a report.
        result.deployments = [Self.keyDeployment([file], source: SourceFile(path: path, bytes: lines))]
        return result
    }

    /// The text with every byte but its line breaks made a space: enough to place a finding by line and column,
    /// nothing of what the lines say.
    private static func lineBreaks(_ text: [UInt8]) -> [UInt8] {
        text.map { $0 == 0x0A ? 0x0A : 0x20 }
    }

    /// A deployment holding only key files (a key file, or the keys a manifest carries), named after the file.
    private static func keyDeployment(_ files: [KeyFile], source: SourceFile) -> Deployment {
        var deployment = Deployment(name: source.path, source: source, format: .keyMaterial, origin: Origin(offset: 0, path: ""))
        deployment.qualifiesResourceNames = false
        deployment.keyFiles = files
        return deployment
    }

    /// What a syntax error of a `.yaml` or `.yml` file read as JSON is prefixed with, so that a JSON grammar message
    /// (`expected a member name in double quotes, found '%'`) is not read as YAML's: a YAML file whose text starts
    /// with `{` or `[` (a `{% raw %}` documentation wrapper, as in external-secrets' `docs/snippets`) is JSON by the
    /// one detection rule (`SourceSyntax`). Empty otherwise.
    static func readAsJSONNote(_ text: [UInt8], path: String) -> String {
        let name = path.lowercased()
        guard name.hasSuffix(".yaml") || name.hasSuffix(".yml"), case .json = SourceSyntax(detecting: text),
              let first = text.first(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }) else { return "" }
        return "read as JSON, as its text starts with '\(Character(Unicode.Scalar(first)))': "
    }

    /// A JSON stream (one value, or objects one after another) when the text starts with `{` or `[`, else a YAML
    /// stream: either way, one document per top-level object.
    package func parse(_ text: [UInt8]) throws(SyntaxError) -> [SourceNode] {
        switch SourceSyntax(detecting: text) {
        case .json:
            do {
                return try JSONReader().readStream(text)
            } catch {
                // CloudFormation "first checks if the template is valid JSON. If it isn't, CloudFormation checks if the
                // template is valid YAML" (https://docs.aws.amazon.com/cli/latest/reference/cloudformation/validate-template.html):
                // a JSON-style template with trailing commas (Prettier's output) is deployed as YAML reads it. Only a
                // text that reads so as one template is taken; anything else keeps the JSON error (tester, round 36:
                // the Landing Zone Accelerator's installer template could not be checked).
                if let documents = try? YAMLReader().read(text), documents.count == 1, Self.isTemplate(documents[0]) {
                    return documents
                }
                throw error
            }
        case .yaml: return try YAMLReader().read(text)
        }
    }

    /// Whether a document is a CloudFormation template: a format version, or resources of AWS types.
    static func isTemplate(_ root: SourceNode) -> Bool {
        guard root.entries != nil else { return false }
        if root["AWSTemplateFormatVersion"] != nil { return true }
        return root["Resources"]?.entries?.contains { $0.value["Type"]?.string?.hasPrefix("AWS::") == true } == true
    }

    /// A file that did not parse: skipped with a reason when it was found by walking and carries no input marker,
    /// else an error (one that says which marker made it an input, for walked files).
    private func tolerate(_ diagnostic: Diagnostic, _ bytes: [UInt8], _ result: Result,
                          reason: (_ location: String) -> String) -> Result {
        var result = result
        var diagnostic = diagnostic
        if !result.input.isExplicit && format == nil {
            let template = (result.input.displayPath as NSString).pathExtension.lowercased() == "template"
            // SAM CLI's configuration is an input by its name, as the walk reads it.
            let samConfig = SAMConfigNames.names(result.input.displayPath)
            if samConfig {
                diagnostic.message += " (read as an input: a file of this name is SAM CLI's configuration)"
            } else {
                guard let marker = InputMarkers.marker(in: bytes, cloudFormationOnly: template) else {
                    let location = diagnostic.location ?? SourceLocation(line: 1, column: 1)
                    result.skipReason = reason("\(location.line):\(location.column)")
                    return result
                }
                diagnostic.message += " (read as an input: it holds \(marker)"
                    + (NotAnInput.placeholderHint(bytes).map { "; \($0)" } ?? "") + ")"
            }
        }
        result.errors = [diagnostic]
        return result
    }

    /// An error for a file named on the command line (`reason` completes "the file …"); for a walked file, the skip
    /// reason `skip` (`kind: detail`).
    private func skipOrFail(_ result: Result, _ reason: String, skip: String) -> Result {
        var result = result
        if result.input.isExplicit {
            result.errors.append(Diagnostic(file: result.input.displayPath, location: SourceLocation(line: 1, column: 1),
                                            message: "\(result.input.displayPath == "-" ? "standard input" : "the file") \(reason)"))
        } else {
            result.skipReason = skip
        }
        return result
    }

    /// The whole file, read straight into one array (no intermediate `Data`, so a large input is held once).
    private func readBytes(_ path: String) throws -> [UInt8] {
        do {
            return try FileBytes.read(path, limit: maxFileBytes)
        } catch .cannotOpen {
            throw Diagnostic.cannotRead(path, .fileNotOpenable)
        } catch .cannotRead {
            throw Diagnostic.cannotRead(path, .file)
        } catch .tooLarge(let size?) {
            throw Diagnostic(file: path, location: nil, message: "file is \(size) bytes, larger than the \(maxFileBytes)-byte limit")
        } catch .tooLarge(nil) {
            throw Diagnostic(file: path, location: nil, message: "file is more than \(maxFileBytes) bytes, larger than the limit")
        }
    }
}
