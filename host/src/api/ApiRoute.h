// One operation of the REST API, independent of the HTTP server: what the
// router hands a handler (the caller, path parameters, query, parsed body)
// and what the handler answers (a status and a JSON document, raw bytes, or
// a stream). Handlers call the catalog and nothing below it; the router
// (http/) turns requests into ApiRequests, authenticates callers, renders
// ApiResponses in the requested format and ApiErrors (any exception, through
// errorKindOf) as the API's JSON error.
//
// Threads: handlers run on the server's worker threads, several at once;
// they share the Catalog and keep no state of their own between calls.
#pragma once

#include "common/Json.h"
#include "domain/Caller.h"

#include <Poco/String.h>

#include <functional>
#include <map>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace MultiFlexi {

class Catalog;

struct ApiRequest {
  /// Who asks; nullopt on a public route (ping, index, status, login).
  std::optional<Caller> caller;
  /// Path parameters by the name in the route's template ("jobId" -> "5").
  std::map<std::string, std::string> path;
  /// Query parameters; a name given twice keeps its first value.
  std::map<std::string, std::string> query;
  /// The parsed request body (JSON, or a form as an object of strings);
  /// nullopt when the request had none.
  std::optional<OrderedJson> body;
  /// The peer's address ("127.0.0.1"), for throttling and the audit trail.
  std::string remoteAddress;
  /// The request's headers but Authorization and Cookie ("Last-Event-ID"),
  /// names compared without case as HTTP says (a proxy may send "last-event-id").
  std::map<std::string, std::string, Poco::CILess> headers;
  /// The API token the caller was authenticated with (Bearer), so that
  /// logout can revoke it; empty otherwise.
  std::string bearerToken;
  /// The session cookie's value the caller was authenticated with, so that
  /// the session routes can describe and end it; empty otherwise.
  std::string sessionCookie;
  /// Whether the request came over TLS (a cookie set then is Secure).
  bool secure = false;
  /// For a handler that answers with a stream: true once the stream should
  /// end (it ran its MULTIFLEXI_HTTP_STREAM_LIFETIME, or the server stops).
  /// The stream asks between writes, then returns: the answer ends cleanly
  /// and the client reconnects (an EventSource with Last-Event-ID). Unset
  /// (a handler called directly): never.
  std::function<bool()> streamOver;
};

struct ApiResponse {
  int status = 200;
  /// The document, rendered in the requested format (json, yaml, xml, html).
  OrderedJson body;
  /// Extra response headers ("Location", "Retry-After").
  std::map<std::string, std::string> headers;
  /// When set, sent as is with `contentType` instead of `body` (a download).
  std::optional<std::string> raw;
  std::string contentType;
  /// When set, called with the response stream instead of sending `body`
  /// (Server-Sent Events); it returns when done or when writing fails.
  std::function<void(std::ostream&)> stream;
};

using ApiHandler = std::function<ApiResponse(Catalog&, const ApiRequest&)>;

struct ApiRoute {
  /// "GET", "POST", "PUT", "DELETE".
  std::string method;
  /// Below the base path, with {name} parameters: "/job/{jobId}".
  std::string path;
  /// Whether the path takes MultiFlexi's format suffix (".json", ".yaml" ...):
  /// "/job/{jobId}" matches "/job/5.json"; without one the format is JSON.
  bool suffix = true;
  /// Whether a caller must be authenticated. A public route gets a caller
  /// too when the request carries credentials that verify; with wrong ones
  /// it answers as to the public (a stale token must not block /login).
  bool authenticated = true;
  /// One line for the index and our OpenAPI document.
  std::string summary;
  ApiHandler handler;
};

/// The base path every route lives under.
constexpr const char* kApiBasePath = "/api/VitexSoftware/MultiFlexi/1.0.0";

/// The console's session cookie (api/SessionRoutes.h sets it, http/Cookie.h reads it).
constexpr const char* kSessionCookie = "mfx_session";

}  // namespace MultiFlexi
