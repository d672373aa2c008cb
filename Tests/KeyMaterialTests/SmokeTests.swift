import Foundation
import KeyMaterial
import Testing

@Test func dumpEveryFixture() throws {
    for name in try Fixture.allNames() {
        do {
            let objects = try KeyInspection.inspect(try Fixture.bytes(name))
            for object in objects { print("\(name): \(object)") }
        } catch {
            print("\(name): ERROR \(error)")
        }
    }
}
