/// Which bare words from the input an error message may quote. A word in a value's place with its quotes forgotten
/// (a Secret's `Hunter2SuperSecretValue`, a PIN `0042-7781-9931`, a Terraform variable's sensitive default) would
/// otherwise be echoed into every CI log format; a message says what kind of thing it found, and where, instead.
public enum UnquotedWord {
    /// What an unquoted word that may be a secret is called instead of quoted.
    public static let unshown = "an unquoted word (not shown: it may be a secret)"

    /// The longest word quoted whatever it is: one this short confirms no secret (`x`, `y)`, `01`, `tru`).
    public static let shortWord = 3

    /// HCL's keywords, Terraform's reference roots and the directive words authors reach for: syntax, not secrets.
    public static let hclKeywords: Set<String> = [
        "true", "false", "null", "True", "False", "for", "in", "if", "else", "endif", "endfor", "while", "elif",
        "elseif", "end", "var", "local", "locals", "module", "data", "each", "count", "self", "path", "terraform",
        "resource", "variable", "output", "provider", "dynamic", "content", "for_each", "depends_on", "lifecycle",
        "provisioner",
    ]

    /// Whether `word` is short enough to quote (`truncated`: the input's word went on past it).
    public static func isShort(_ word: some StringProtocol, truncated: Bool) -> Bool {
        !truncated && word.utf8.count <= shortWord
    }

    /// Whether a bare word from HCL source may be quoted: a short word or a keyword.
    public static func isSafeInHCL(_ word: some StringProtocol) -> Bool {
        isShort(word, truncated: false) || hclKeywords.contains(String(word))
    }

    /// `word` quoted when it is safe in HCL, else `unshown`.
    public static func hclDescription(_ word: some StringProtocol) -> String {
        isSafeInHCL(word) ? "'\(Excerpt.quote(String(word)))'" : unshown
    }
}
