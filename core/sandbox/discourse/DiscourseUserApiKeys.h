#pragma once

#include "core/sandbox/HttpResponse.h"

#include <QByteArray>
#include <QString>

namespace baton::sandbox {

class DiscourseForum;
struct HttpRequest;

// GET /user-api-key/new (api-contracts.md §4.1) as a forum whose signed-in user approves at once: the user API
// key account of the forum gets a new key for the client, and the payload {"key","nonce","push","api"} is
// encrypted with the request's RSA public key (PKCS#1 v1.5) and base64-encoded with a line break every 60
// characters, as Ruby's Base64.encode64 writes it. With auth_redirect (only loopback http addresses are allowed
// here, as an admin would allow them) the browser is redirected there with ?payload=; without, the page shows the
// payload for the user to copy.
HttpResponse userApiKeyNew(const HttpRequest& request, DiscourseForum& forum);

// The base64 payload for a public key (PEM), empty when the key is unusable.
QByteArray encryptUserApiKeyPayload(const QByteArray& publicPem, const QByteArray& json);

} // namespace baton::sandbox
