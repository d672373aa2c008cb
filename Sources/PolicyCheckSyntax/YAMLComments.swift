/// Where the comments of a YAML stream are: a `#` at a line start or after a blank, outside quoted scalars and
/// outside the content of block scalars (`|`, `>`).
///
/// Inline ignores must come only from real comments: a `#` inside a quoted string or a literal block is data an
/// author can put anywhere (a tag value, a description), not a comment of the file.
public enum YAMLComments {
    /// The byte offsets of the `#` starting each comment, in order.
    public static func offsets(in utf8: [UInt8]) -> [Int] {
        YAMLPrescan.commentOffsets(utf8)
    }
}
