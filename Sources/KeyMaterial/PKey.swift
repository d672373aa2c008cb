internal import COpenSSL

/// Owns one `EVP_PKEY` and frees it on deinit.
final class PKey {
    /// The owned key; valid for the lifetime of this object.
    let pointer: OpaquePointer

    /// Takes ownership of `pointer` (one reference).
    init(owning pointer: OpaquePointer) {
        self.pointer = pointer
    }

    /// Borrows `pointer` by taking an extra reference, so both owners may free independently.
    init?(retaining pointer: OpaquePointer) {
        guard EVP_PKEY_up_ref(pointer) == 1 else { return nil }
        self.pointer = pointer
    }

    deinit {
        EVP_PKEY_free(pointer)
    }
}
