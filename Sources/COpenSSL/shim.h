#ifndef POLICYCHECK_COPENSSL_SHIM_H
#define POLICYCHECK_COPENSSL_SHIM_H

#include <openssl/evp.h>
#include <openssl/err.h>
#include <openssl/crypto.h>

#endif
