import Foundation
import PolicyCheckTestSupport
@testable import PolicyCheckModel
import Testing

/// `--output /dev/null` and pipes: a character device or FIFO at the target is written in place, never replaced by
/// a renamed file (as root, the atomic rename turned /dev/null into a regular file).
@Suite struct OutputFileSpecialTargetTests {
    private func isCharacterDevice(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFCHR
    }

    @Test func devNullIsWrittenInPlaceAndStaysADevice() throws {
        #expect(isCharacterDevice("/dev/null"))
        try OutputFile.write(bytes: Array(repeating: UInt8(ascii: "x"), count: 200_000), to: "/dev/null")
        try OutputFile.write("{}\n", to: "/dev/null")
        #expect(isCharacterDevice("/dev/null"))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: "/dev").filter { $0.hasPrefix(".null.") }
        #expect(leftovers.isEmpty)
    }

    @Test func aFIFOWithAReaderGetsTheReportAndOneWithoutIsAnErrorAtOnce() throws {
        let folder = ScratchFolder.path("fifo-out")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let fifo = folder.appendingPathComponent("report.json").path
        #expect(mkfifo(fifo, 0o600) == 0)
        // No reader: refused at once (a non-blocking open), the FIFO left as it was.
        #expect(throws: Diagnostic.self) { try OutputFile.write("{}\n", to: fifo) }
        #expect(OutputFile.specialFileKind(fifo) == S_IFIFO)
        // A reader: the report arrives through the pipe.
        let reader = open(fifo, O_RDONLY | O_NONBLOCK)
        #expect(reader >= 0)
        defer { close(reader) }
        try OutputFile.write("{\"ok\": true}\n", to: fifo)
        var buffer = [UInt8](repeating: 0, count: 64)
        let count = read(reader, &buffer, buffer.count)
        #expect(String(decoding: buffer.prefix(max(0, count)), as: UTF8.self) == "{\"ok\": true}\n")
        #expect(OutputFile.specialFileKind(fifo) == S_IFIFO)
    }
}
