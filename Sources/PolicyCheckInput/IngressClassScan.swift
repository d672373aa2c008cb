import PolicyCheckAdapters
import PolicyCheckModel
import PolicyCheckSyntax

extension InputReader {
    /// The `IngressClass` and `IngressClassParams` objects of the run's inputs, gathered before any input is read
    /// (`IngressClassCatalog`). Only files whose text names `IngressClass` are parsed here; a file that cannot be
    /// read or parsed is left to its own read, which reports it. `texts` holds the inputs read from memory (rendered
    /// charts and kustomizations), by path.
    package func ingressClassCatalog(_ inputs: [InputDiscovery.Input], texts: [String: [UInt8]]) -> IngressClassCatalog {
        // One input gathers its own classes as it is read.
        guard format == nil || format == .kubernetes, inputs.count > 1 else { return IngressClassCatalog() }
        var gathered: [IngressClassCatalog.FileClasses] = []
        let marker = Array("IngressClass".utf8)
        for input in inputs where input.skipReason == nil && !input.isTerraformModule && !input.isTemplated && input.path != "-" {
            guard let raw = texts[input.path] ?? (try? FileBytes.read(input.path, limit: maxFileBytes)),
                  ByteSearch.firstIndex(of: marker, in: raw) != nil,
                  format == .kubernetes || !KeyFileReader.claims(path: input.displayPath, raw: raw),
                  !TextDecoding.isProbablyBinary(raw), let text = try? TextDecoding.utf8Text(from: raw),
                  let documents = try? parse(text) else { continue }
            if let classes = IngressClassCatalog.gather(documents: documents, source: SourceFile(path: input.displayPath, bytes: text)) {
                gathered.append(classes)
            }
        }
        return IngressClassCatalog(gathered)
    }
}
