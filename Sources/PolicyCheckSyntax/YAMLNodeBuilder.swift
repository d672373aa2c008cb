/// Where `YAMLComposer` puts the nodes it reads, in document order: scalars, and collections opened, filled and
/// closed. An alias asks for its anchored node again.
protocol YAMLNodeBuilder: AnyObject {
    associatedtype Handle

    /// A scalar of `kind` (resolved by the composer), with its text as libyaml decoded it. `isYAML11Word`: a plain,
    /// untagged string that YAML 1.1 reads as a boolean (`YAMLBooleans`).
    func scalar(_ kind: SourceTape.Kind, text: UnsafeBufferPointer<UInt8>, offset: Int, tag: String?,
                isYAML11Word: Bool) throws(SyntaxError) -> Handle
    /// Starts a `.sequence` or `.mapping`; its members follow, then `close()`.
    func open(_ kind: SourceTape.Kind, offset: Int, tag: String?)
    /// The next item of the sequence opened last.
    func item(_ value: Handle)
    /// The next entry of the mapping opened last.
    func entry(key: String, keyOffset: Int, value: Handle)
    /// The entries a merge key (`<<`) brings to the mapping opened last: added after its own when it closes, never
    /// replacing one.
    func merge(_ value: Handle) throws(SyntaxError)
    /// Ends the collection opened last.
    func close() -> Handle
    /// An anchored node again, where an alias names it.
    func repeated(_ anchored: Handle) -> Handle
    func offset(of handle: Handle) -> Int
    /// The stream's documents, from their roots.
    func documents(_ roots: [Handle]) -> [SourceNode]
}
