/// The control frameworks rules may cite, and the shape of their control ids.
///
/// SOC 2 (2017 Trust Services Criteria): CC1.1–CC9.2, A1.1–A1.3, C1.1–C1.2, PI1.1–PI1.5, P1.1–P8.1.
/// ISO/IEC 27001:2022 Annex A: A.5.1–A.5.37, A.6.1–A.6.8, A.7.1–A.7.14, A.8.1–A.8.34.
/// NIST SP 800-53 Rev. 5: a family and number with an optional enhancement, e.g. SC-28 or SC-28(1).
public enum ControlCatalog {
    /// What is wrong with a control id, if anything.
    public enum Verdict: Sendable, Equatable {
        case valid
        /// Not `FRAMEWORK:ID` at all.
        case malformed
        /// A framework policycheck does not know (a warning: the id cannot be checked).
        case unknownFramework(String)
        /// A known framework with an id it does not have.
        case unknownControl(framework: String, expected: String)
    }

    public static let frameworks = ["SOC2", "ISO27001-2022", "NIST-800-53r5"]

    /// Judges one control id, e.g. `SOC2:CC6.1`.
    public static func check(_ text: String) -> Verdict {
        let parts = text.split(separator: ":", maxSplits: 1)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty, !text.contains(" ") else { return .malformed }
        let framework = String(parts[0])
        let id = String(parts[1])
        switch framework {
        case "SOC2":
            return soc2(id) ? .valid : .unknownControl(framework: framework, expected: "CC1.1–CC9.2, A1.1–A1.3, C1.1–C1.2, PI1.1–PI1.5 or P1.1–P8.1")
        case "ISO27001-2022":
            return iso27001(id) ? .valid : .unknownControl(framework: framework, expected: "A.5.1–A.5.37, A.6.1–A.6.8, A.7.1–A.7.14 or A.8.1–A.8.34")
        case "NIST-800-53r5":
            return nist(id) ? .valid : .unknownControl(framework: framework, expected: "a family and number such as SC-28 or SC-28(1)")
        default:
            return .unknownFramework(framework)
        }
    }

    /// Criteria per series: the highest point of focus number of each.
    static let soc2Series: [String: Int] = [
        "CC1": 5, "CC2": 3, "CC3": 4, "CC4": 2, "CC5": 3, "CC6": 8, "CC7": 5, "CC8": 1, "CC9": 2,
        "A1": 3, "C1": 2, "PI1": 5,
        "P1": 1, "P2": 1, "P3": 2, "P4": 3, "P5": 2, "P6": 7, "P7": 1, "P8": 1,
    ]

    static func soc2(_ id: String) -> Bool {
        let parts = id.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, let max = soc2Series[String(parts[0])], let number = plainNumber(parts[1]) else { return false }
        return (1...max).contains(number)
    }

    static let isoThemes: [Int: Int] = [5: 37, 6: 8, 7: 14, 8: 34]

    static func iso27001(_ id: String) -> Bool {
        let parts = id.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "A", let theme = plainNumber(parts[1]), let max = isoThemes[theme],
              let number = plainNumber(parts[2]) else { return false }
        return (1...max).contains(number)
    }

    static let nistFamilies: Set<String> = [
        "AC", "AT", "AU", "CA", "CM", "CP", "IA", "IR", "MA", "MP", "PE", "PL", "PM", "PS", "PT", "RA", "SA", "SC", "SI", "SR",
    ]

    static func nist(_ id: String) -> Bool {
        let parts = id.split(separator: "-", maxSplits: 1)
        guard parts.count == 2, nistFamilies.contains(String(parts[0])) else { return false }
        var rest = parts[1]
        var enhancement: Substring?
        if let open = rest.firstIndex(of: "(") {
            guard rest.last == ")" else { return false }
            enhancement = rest[rest.index(after: open)..<rest.index(before: rest.endIndex)]
            rest = rest[..<open]
        }
        guard let number = plainNumber(rest), (1...99).contains(number) else { return false }
        if let enhancement {
            guard let value = plainNumber(enhancement), (1...99).contains(value) else { return false }
        }
        return true
    }

    /// Digits without a leading zero.
    private static func plainNumber(_ text: Substring) -> Int? {
        guard !text.isEmpty, text.allSatisfy(\.isASCII), text.allSatisfy(\.isNumber), text.first != "0" || text.count == 1 else { return nil }
        return Int(text)
    }
}
