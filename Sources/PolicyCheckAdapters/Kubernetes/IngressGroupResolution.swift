/// An IngressGroup as the run's files (`IngressClassCatalog`) set it, its classes' schemes applied, worked out once a
/// run: an Ingress of an input whose classes and parameters are those the catalog holds at its path (none, or the
/// same file read alike: `IngressClassCatalog.holds(_:at:)`) sees every class under the catalog's definitions, so
/// its lookup (`IngressClasses.group(named:)`) joins only its own input's members to this, class by class, and reads
/// a handful of entries whatever the group's size. Before round 26 each lookup merged every class of the group (one
/// group of 2,000 members, each of a class of its own: 5.4 s; ten times the members, a hundred times the time).
///
/// What it gives is what merging the input's members and the catalog's, class by class in name order, gives: for
/// each of the scheme, security groups and dual stack, the first class (by name) whose members set it, the input's
/// member first within a class; the ports given CIDRs by the members of every class that joins.
struct IngressGroupResolution: Sendable {
    typealias Scheme = IngressClasses.MemberScheme

    /// A class whose members, its scheme applied, set something, and the member that does.
    struct First: Sendable {
        let className: String
        let member: String
    }

    /// The catalog's members, by class.
    private var byClass: [String: IngressGroupSettings.Members] = [:]
    /// The scheme of each of those classes (`nil`: its Ingresses do not join).
    private var schemes: [String: Scheme?] = [:]
    /// For each setting, the classes (in name order) whose catalog members set it.
    private var internetFacing: [First] = []
    private var securityGroups: [First] = []
    private var dualStack: [First] = []
    /// The ports the members of every joining class give CIDRs, merged.
    private var covered: [Int: [String]] = [:]
    /// Whether a class of the catalog's members joins the group (its scheme is not `nil`).
    private var joins = false

    static let empty = IngressGroupResolution()

    private init() {}

    init(_ settings: IngressGroupSettings, scheme: (String) -> Scheme?) {
        byClass = settings.byClass
        var coverage = IngressGroupSettings.Members()
        for className in settings.byClass.keys.sorted() {
            schemes[className] = scheme(className)
            guard let scheme = schemes[className] ?? nil, let members = settings.byClass[className] else { continue }
            joins = true
            var joined = IngressGroupSettings.Joined([members])
            joined.adjust(to: scheme, ofClass: className)
            if let member = joined.internetFacing { internetFacing.append(First(className: className, member: member)) }
            if let member = joined.securityGroups { securityGroups.append(First(className: className, member: member)) }
            if let member = joined.dualStack { dualStack.append(First(className: className, member: member)) }
            coverage.merge(members)
        }
        covered = coverage.covered
    }

    /// The group as an Ingress of an input whose own members of it are `own` (by class) sees it; `nil` when no
    /// class of its members joins. `scheme` gives the scheme of a class the catalog's members do not have.
    func joined(own: [String: IngressGroupSettings.Members], scheme: (String) -> Scheme?) -> IngressGroupSettings.Joined? {
        var result = IngressGroupSettings.Joined([])
        result.coverage = covered.isEmpty ? [] : [covered]
        var joinsHere = joins
        // The input's own classes, each its members first, then the catalog's: the first of each setting.
        var owned: (internetFacing: First?, securityGroups: First?, dualStack: First?)
        for className in own.keys.sorted() {
            guard let scheme = schemes[className] ?? scheme(className), let members = own[className] else { continue }
            joinsHere = true
            var joined = IngressGroupSettings.Joined([members] + (byClass[className].map { [$0] } ?? []))
            joined.adjust(to: scheme, ofClass: className)
            if owned.internetFacing == nil, let member = joined.internetFacing { owned.internetFacing = First(className: className, member: member) }
            if owned.securityGroups == nil, let member = joined.securityGroups { owned.securityGroups = First(className: className, member: member) }
            if owned.dualStack == nil, let member = joined.dualStack { owned.dualStack = First(className: className, member: member) }
            if !members.covered.isEmpty { result.coverage.append(members.covered) }
        }
        guard joinsHere else { return nil }
        /// The first by class name of the input's and the catalog's (a class the input has members of is the input's).
        func first(_ owned: First?, _ catalog: [First]) -> String? {
            let other = catalog.first { own[$0.className] == nil }
            guard let owned else { return other?.member }
            guard let other else { return owned.member }
            return owned.className < other.className ? owned.member : other.member
        }
        result.internetFacing = first(owned.internetFacing, internetFacing)
        result.securityGroups = first(owned.securityGroups, securityGroups)
        result.dualStack = first(owned.dualStack, dualStack)
        return result
    }
}
