/// Where each PEM block of a file begins, in the order `KeyObject.index` counts them (skipped blocks included), so
/// that a finding about block #151 of a trust store can point at its `-----BEGIN` line rather than at 1:1.
public enum PEMBlockPlaces {
    /// The byte offset of every block's `-----BEGIN`, by block index.
    public static func beginOffsets(_ bytes: [UInt8]) -> [Int] {
        bytes.withUnsafeBufferPointer { buffer in
            buffer.isEmpty ? [] : PEMScanner.blocks(buffer).map(\.beginOffset)
        }
    }
}
