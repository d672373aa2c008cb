extension Deployment {
    /// Lets go of the source trees the model points into (`rawNode`, which only custom rules' `raw.<path>` reads),
    /// so a parsed document can be freed as soon as it is adapted rather than when its file has been evaluated.
    public mutating func dropSourceNodes() {
        rawNode = nil
        for index in dataStores.indices { dataStores[index].rawNode = nil }
        for index in keys.indices {
            keys[index].rawNode = nil
            for material in keys[index].materials.indices { keys[index].materials[material].rawNode = nil }
        }
        // An allowlist's and its entries' raw places go whole: a path means nothing without its node, and keeping
        // it would make a place of its own for every entry that shared one.
        for index in allowlists.indices {
            allowlists[index].rawPlace = nil
            AllowlistEntry.dropRawPlaces(&allowlists[index].entries)
        }
    }
}
