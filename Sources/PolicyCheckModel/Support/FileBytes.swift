#if canImport(Glibc)
import Glibc
private let systemRead = Glibc.read
#elseif canImport(Darwin)
import Darwin
private let systemRead = Darwin.read
#endif

/// Reads a whole file straight into one array, refusing one larger than a limit before reading it (no intermediate
/// `Data`, so a large input is held once). Foundation's `FileManager.contents(atPath:)` also keeps a 4 KB buffer of
/// every empty file for ever (LeakSanitizer, Swift 6.3.1), and real Terraform modules have empty `variables.tf`s.
package enum FileBytes {
    package enum Failure: Error, Equatable {
        /// Missing, not permitted, or not a file that may be opened.
        case cannotOpen
        case cannotRead
        /// Larger than the limit before reading (the size), or grew past it while being read (`nil`).
        case tooLarge(size: Int?)
    }

    package static func read(_ path: String, limit: Int) throws(Failure) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .cannotOpen }
        defer { close(descriptor) }
        var info = stat()
        let size = fstat(descriptor, &info) == 0 ? Int(info.st_size) : 0
        if size > limit { throw .tooLarge(size: size) }
        // One byte more than the size, to notice a file that grew while being read.
        var bytes = [UInt8](repeating: 0, count: size + 1)
        var count = 0
        while true {
            let got = bytes.withUnsafeMutableBytes { buffer in
                systemRead(descriptor, buffer.baseAddress! + count, buffer.count - count)
            }
            if got < 0 {
                if errno == EINTR { continue }
                throw .cannotRead
            }
            if got == 0 { break }
            count += got
            if count == bytes.count {
                guard count <= limit else { throw .tooLarge(size: nil) }
                bytes.append(contentsOf: repeatElement(0, count: max(count, 1 << 16)))
            }
        }
        bytes.removeLast(bytes.count - count)
        return bytes
    }

    /// Up to `count` bytes from the start of a regular file, or nil when it cannot be opened or is not a regular file
    /// (opened without blocking, so a FIFO put in a file's place cannot hang the caller).
    package static func prefix(_ path: String, count: Int) -> [UInt8]? {
        guard let (descriptor, size) = openRegular(path) else { return nil }
        defer { close(descriptor) }
        var bytes = [UInt8](repeating: 0, count: min(count, size))
        let filled = fill(&bytes, from: 0, reading: descriptor)
        bytes.removeLast(bytes.count - filled)
        return bytes
    }

    /// Calls `body` with successive chunks of a regular file, each starting `overlap` bytes before the previous one
    /// ended, until `body` returns true (then true) or the file ends (then false); false also when it cannot be opened.
    package static func chunks(_ path: String, size: Int, overlap: Int, _ body: (ArraySlice<UInt8>) -> Bool) -> Bool {
        guard let (descriptor, fileSize) = openRegular(path) else { return false }
        defer { close(descriptor) }
        // No larger than the file: a MiB zeroed for every small file of a tree was a MiB of resident memory.
        var buffer = [UInt8](repeating: 0, count: max(1, min(size + overlap, fileSize)))
        var kept = 0
        while true {
            let filled = fill(&buffer, from: kept, reading: descriptor)
            if filled == kept { return false }
            if body(buffer[..<filled]) { return true }
            if filled < buffer.count { return false }
            kept = min(overlap, filled)
            buffer.withUnsafeMutableBufferPointer { raw in
                let base = raw.baseAddress!
                base.update(from: base + filled - kept, count: kept)
            }
        }
    }

    /// A regular file opened for reading without blocking (a FIFO put in a file's place cannot hang the caller),
    /// and its size; `nil` when it cannot be opened or is not a regular file.
    private static func openRegular(_ path: String) -> (descriptor: Int32, size: Int)? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { return nil }
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            close(descriptor)
            return nil
        }
        return (descriptor, Int(info.st_size))
    }

    /// Reads into `buffer` from `start` until it is full or the file ends; how far it is filled.
    private static func fill(_ buffer: inout [UInt8], from start: Int, reading descriptor: Int32) -> Int {
        var filled = start
        while filled < buffer.count {
            let got = buffer.withUnsafeMutableBytes { raw in
                systemRead(descriptor, raw.baseAddress! + filled, raw.count - filled)
            }
            if got < 0 && errno == EINTR { continue }
            if got <= 0 { break }
            filled += got
        }
        return filled
    }
}
