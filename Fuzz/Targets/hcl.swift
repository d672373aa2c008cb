import PolicyCheckSyntax

/// The HCL native-syntax reader (`.tf`, `.tfvars`): any bytes give a tree whose nodes lie inside the text, or a
/// located one-line error; never a crash, a hang or a stack overflow.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let raw = FuzzInput.bytes(data, size)
    guard let text = try? TextDecoding.utf8Text(from: raw) else { return 0 }
    do {
        let body = try HCLReader().read(text)
        HCLFuzzChecks.expectInside(body, count: text.count)
    } catch {
        FuzzInput.expectLocated(error.offset, error.message, in: text.count)
        _ = SourceFile(path: "fuzz.tf", bytes: text).utf16Column(ofOffset: error.offset)
    }
    return 0
}

/// Every attribute, block, label and expression of a body starts inside the text.
enum HCLFuzzChecks {
    static func expectInside(_ body: HCLBody, count: Int) {
        precondition((0...count).contains(body.offset), "body offset outside the text")
        for attribute in body.attributes {
            precondition((0...count).contains(attribute.offset), "attribute offset outside the text")
            expectInside(attribute.value, count: count)
        }
        for block in body.blocks {
            precondition(block.labels.allSatisfy { (0...count).contains($0.offset) }, "label offset outside the text")
            expectInside(block.body, count: count)
        }
    }

    static func expectInside(_ expression: HCLExpression, count: Int) {
        precondition((0...count).contains(expression.offset), "expression offset outside the text")
        switch expression.kind {
        case .attribute(let base, _), .parenthesis(let base), .unary(_, let base): expectInside(base, count: count)
        case .index(let base, let key): expectInside(base, count: count); expectInside(key, count: count)
        case .binary(_, let left, let right): expectInside(left, count: count); expectInside(right, count: count)
        case .conditional(let a, let b, let c): [a, b, c].forEach { expectInside($0, count: count) }
        case .tuple(let items), .call(_, let items, _): items.forEach { expectInside($0, count: count) }
        case .object(let items): items.forEach { expectInside($0.key, count: count); expectInside($0.value, count: count) }
        case .splat(let base, _, _): expectInside(base, count: count)
        case .forExpression(let form): expectInside(form.collection, count: count); expectInside(form.value, count: count)
        default: break
        }
    }
}
