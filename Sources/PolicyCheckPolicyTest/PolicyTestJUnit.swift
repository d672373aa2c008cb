import PolicyCheckModel
import PolicyCheckReport

/// Policy test results as JUnit XML (valid against the Apache Ant JUnit schema): one `testsuite` per test file,
/// one `testcase` per case. Deterministic: times are 0 and the timestamp is the evaluation time.
public enum PolicyTestJUnit {
    public static func render(_ report: PolicyTestReport, timestamp: Timestamp) -> String {
        // The schema's timestamp has no zone: "2026-11-29T00:00:00".
        let stamp = String(timestamp.description.prefix(19))
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n"
        var suites = report.suites
        if !report.errors.isEmpty {
            // Files that could not be read become a suite of errored cases, so CI shows them.
            var unreadable = PolicyTestReport.Suite(file: "policycheck policy test", policy: "")
            unreadable.cases = report.errors.map { error in
                var result = PolicyTestReport.CaseResult(name: error.file, file: error.file, line: error.location?.line ?? 1)
                result.errors = [error]
                return result
            }
            suites.append(unreadable)
        }
        for (index, suite) in suites.enumerated() {
            let failures = suite.cases.filter { $0.errors.isEmpty && !$0.mismatches.isEmpty }.count
            let errors = suite.cases.filter { !$0.errors.isEmpty }.count
            xml += "  <testsuite name=\"\(escape(suite.file))\" package=\"\(escape(suite.file))\" id=\"\(index)\" "
                + "timestamp=\"\(stamp)\" hostname=\"policycheck\" tests=\"\(suite.cases.count)\" failures=\"\(failures)\" "
                + "errors=\"\(errors)\" skipped=\"0\" time=\"0\">\n"
            xml += "    <properties>\n"
            if !suite.policy.isEmpty { xml += "      <property name=\"policy\" value=\"\(escape(suite.policy))\"/>\n" }
            xml += "    </properties>\n"
            for result in suite.cases {
                xml += "    <testcase name=\"\(escape(result.name))\" classname=\"\(escape(suite.file))\" time=\"0\""
                if let error = result.errors.first {
                    xml += ">\n      <error message=\"\(escape(error.message))\" type=\"input\">"
                        + escape(result.errors.map(\.description).joined(separator: "\n")) + "</error>\n    </testcase>\n"
                } else if !result.mismatches.isEmpty {
                    let detail = result.mismatches.map { "\($0.ruleId): expected \($0.expected); actual \($0.actual)" }
                    xml += ">\n      <failure message=\"\(escape(detail[0]))\" type=\"mismatch\">"
                        + escape("\(result.file):\(result.line)\n" + detail.joined(separator: "\n")) + "</failure>\n    </testcase>\n"
                } else {
                    xml += "/>\n"
                }
            }
            xml += "    <system-out></system-out>\n    <system-err></system-err>\n  </testsuite>\n"
        }
        return xml + "</testsuites>\n"
    }

    /// Text for attributes and content alike: attribute escaping keeps the line breaks of failure details as
    /// character references, as this report always wrote them. One escaper for every XML the tool writes.
    static func escape(_ text: String) -> String {
        XMLText.escape(text, attribute: true)
    }
}
