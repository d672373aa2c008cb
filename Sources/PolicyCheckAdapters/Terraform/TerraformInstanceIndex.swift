/// The instances of each configuration block that has more than one (`count`, `for_each`, or a module called with
/// them), by module instance and instance key, so that resolving a reference to such a block is a lookup.
///
/// Blocks of one instance (most of a plan) are left out: `TerraformPlan` answers for them without an index, and an
/// entry per resource would add to the memory of the largest plans for nothing.
struct TerraformInstanceIndex {
    /// A block (by the position of its first instance) within one module instance (`nil`: any), and an instance
    /// key (`nil`: any).
    private struct Key: Hashable {
        var block: Int
        var module: String?
        var key: String?
    }

    /// The first instance, in plan order, for each key, and how many instances each scope has.
    private var firstByKey: [Key: Int] = [:]
    private var countByScope: [Key: Int] = [:]

    /// Indexes the blocks whose chain (`firstInstance`, then `nextInstance` until -1) has more than one instance.
    init(_ resources: [TerraformResource], firstInstance: some Sequence<Int>, nextInstance: [Int32]) {
        for first in firstInstance where nextInstance[first] >= 0 {
            var position = first
            while position >= 0 {
                let resource = resources[position]
                for module in [resource.moduleAddress, nil] as [String?] {
                    countByScope[Key(block: first, module: module, key: nil), default: 0] += 1
                    for key in [resource.instanceKey, nil] as [String?] {
                        let entry = Key(block: first, module: module, key: key)
                        if firstByKey[entry] == nil { firstByKey[entry] = position }
                    }
                }
                position = Int(nextInstance[position])
            }
        }
    }

    /// How many instances of the block lie in a module instance (`nil`: in all).
    func count(block: Int, module: String?) -> Int {
        countByScope[Key(block: block, module: module, key: nil)] ?? 0
    }

    /// The first instance of the block in a module instance (`nil`: any) with an instance key (`nil`: any).
    func first(block: Int, module: String?, key: String?) -> Int? {
        firstByKey[Key(block: block, module: module, key: key)]
    }
}
