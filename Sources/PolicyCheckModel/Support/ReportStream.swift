#if canImport(Glibc)
import Glibc
private let systemWrite = Glibc.write
#elseif canImport(Darwin)
import Darwin
private let systemWrite = Darwin.write
#endif

/// Where a reporter writes: memory, or a file descriptor fed in 64 KiB chunks, so a report of any size is written as
/// it is produced instead of being built whole first.
public final class ReportStream {
    /// Bytes gathered before a write to the descriptor.
    package static let chunkSize = 1 << 16

    private let descriptor: Int32?
    private var buffer: [UInt8] = []
    /// Whether a write to the descriptor failed (the rest of the report was dropped).
    public private(set) var failed = false

    /// A stream that keeps everything in memory (read it back with `text`).
    public init() {
        descriptor = nil
    }

    /// A stream to an open file descriptor, which stays open and owned by the caller.
    public init(fileDescriptor: Int32) {
        descriptor = fileDescriptor
        buffer.reserveCapacity(Self.chunkSize + 4096)
    }

    /// Appends text.
    public func write(_ text: String) {
        var text = text
        text.withUTF8 { append(UnsafeRawBufferPointer($0)) }
    }

    /// Appends bytes as they are (an evidence bundle's files).
    public func write(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { append($0) }
    }

    /// Appends `bytes` and empties them (keeping their capacity), when they hold at least `minimum` bytes: a
    /// reporter gathers a batch and hands it over once it is large enough.
    public func write(taking bytes: inout [UInt8], once minimum: Int = 0) {
        guard bytes.count >= minimum else { return }
        write(bytes)
        bytes.removeAll(keepingCapacity: true)
    }

    /// Writes what is buffered to the descriptor (a no-op in memory).
    public func flush() {
        guard descriptor != nil, !buffer.isEmpty else { return }
        buffer.withUnsafeBytes { send($0) }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Buffers `bytes`; a piece of a chunk or more goes to the descriptor straight from where it is, after what is
    /// buffered (copied into the buffer first, a 150 MB evidence.json was held twice, and the buffer kept its size).
    private func append(_ bytes: UnsafeRawBufferPointer) {
        guard descriptor != nil, bytes.count >= Self.chunkSize else {
            buffer.append(contentsOf: bytes)
            if descriptor != nil && buffer.count >= Self.chunkSize { flush() }
            return
        }
        flush()
        send(bytes)
    }

    /// Writes `bytes` to the descriptor whole, unless a write failed before (then the rest of the report is dropped).
    private func send(_ bytes: UnsafeRawBufferPointer) {
        guard let descriptor, !failed, !bytes.isEmpty else { return }
        var offset = 0
        while offset < bytes.count {
            let written = systemWrite(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else {
                failed = true
                return
            }
            offset += written
        }
    }

    /// Everything written so far, for a stream in memory.
    public var text: String {
        String(decoding: buffer, as: UTF8.self)
    }
}
