import Foundation
internal import COpenSSL

/// One reusable `OSSL_DECODER_CTX` configured for a single DER structure, key type and selection.
///
/// Building a decoder context costs far more than decoding with it (it walks every provider's
/// decoders), so the inspector builds each one once and reuses it for every input. The context
/// writes its result into `slot`, a stable heap cell owned by this object.
///
/// OpenSSL 3.0 keeps the *pointers* to the input type and structure strings (it does not copy
/// them) and consults them on every decode, so they are C copies owned here and freed in deinit.
/// Swift's temporary `String` → `char *` bridging would leave them dangling after `init`.
final class DecoderContext {
    private let context: OpaquePointer
    private let slot: UnsafeMutablePointer<OpaquePointer?>
    private let cStrings: [UnsafeMutablePointer<CChar>]

    /// Which part of a key a decoder extracts.
    enum Selection {
        case keyPair
        case publicKey

        var value: Int32 {
            switch self {
            case .keyPair: pc_selection_keypair()
            case .publicKey: pc_selection_public_key()
            }
        }
    }

    /// Builds a DER decoder for `structure` (OpenSSL's input structure name) and `keyType` (nil: any).
    init(structure: String, keyType: String?, selection: Selection) throws(KeyMaterialError) {
        let slot = UnsafeMutablePointer<OpaquePointer?>.allocate(capacity: 1)
        slot.initialize(to: nil)
        let inputType = strdup("DER")!
        let inputStructure = strdup(structure)!
        let cKeyType = keyType.map { strdup($0)! }
        let cStrings = [inputType, inputStructure] + (cKeyType.map { [$0] } ?? [])
        func release() {
            slot.deallocate()
            cStrings.forEach { free($0) }
        }
        OpenSSLErrorQueue.clear()
        guard let context = OSSL_DECODER_CTX_new_for_pkey(slot, inputType, inputStructure, cKeyType, selection.value, nil, nil)
        else {
            release()
            throw .openssl(reason: "cannot create decoder: " + OpenSSLErrorQueue.drain())
        }
        guard OSSL_DECODER_CTX_get_num_decoders(context) > 0 else {
            OSSL_DECODER_CTX_free(context)
            release()
            OpenSSLErrorQueue.clear()
            throw .unsupported("no OpenSSL decoder for \(keyType ?? "any key type") in \(structure)")
        }
        // Never prompt for or guess a passphrase: encrypted input must fail, not be decrypted.
        guard OSSL_DECODER_CTX_set_passphrase_cb(context, { _, _, _, _, _ in 0 }, nil) == 1 else {
            OSSL_DECODER_CTX_free(context)
            release()
            throw .openssl(reason: "cannot install passphrase refusal: " + OpenSSLErrorQueue.drain())
        }
        self.context = context
        self.slot = slot
        self.cStrings = cStrings
    }

    /// Decodes exactly `der`; nil on failure, leaving the reason on OpenSSL's error queue.
    func decode(_ der: UnsafeBufferPointer<UInt8>) -> PKey? {
        guard let base = der.baseAddress else { return nil }
        var cursor: UnsafePointer<UInt8>? = base
        var remaining = der.count
        let ok = OSSL_DECODER_from_data(context, &cursor, &remaining)
        let decoded = slot.pointee
        slot.pointee = nil
        guard let decoded else { return nil }
        let key = PKey(owning: decoded)
        guard ok == 1, remaining == 0 else { return nil }
        return key
    }

    deinit {
        OSSL_DECODER_CTX_free(context)
        if let leftover = slot.pointee { EVP_PKEY_free(leftover) }
        slot.deallocate()
        cStrings.forEach { free($0) }
    }
}
