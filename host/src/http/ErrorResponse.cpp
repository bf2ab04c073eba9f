#include "http/ErrorResponse.h"

#include "api/ErrorKinds.h"
#include "common/Exceptions.h"
#include "common/TerminalText.h"

#include <Poco/Logger.h>

namespace MultiFlexi {

ApiResponse apiError(int status, const std::string& code, const std::string& field, const std::string& message) {
  ApiResponse out;
  out.status = status;
  out.body = OrderedJson::object();
  out.body["status"] = "error";
  out.body["code"] = code;
  out.body["field"] = field.empty() ? OrderedJson() : OrderedJson(field);
  out.body["message"] = message;
  if (status == 401) out.headers["WWW-Authenticate"] = "Basic realm=\"MultiFlexi\"";
  return out;
}

ApiResponse errorResponse(const std::exception& e, const std::string& requestId) {
  const ErrorKind& kind = errorKindOf(e);
  if (kind.httpStatus == 401) return apiError(401, kind.code, "", kUnauthorizedMessage);
  if (kind.internal || kind.httpStatus >= 500) {
    // The store's, the configuration's or a plugin's message may name paths
    // or hosts: the log has it, the caller gets the kind.
    const auto* poco = dynamic_cast<const Poco::Exception*>(&e);
    Poco::Logger::get("multiflexi.http")
        .error("request %s: %s error: %s", requestId, std::string(kind.code),
               escapeControls(poco != nullptr ? poco->displayText() : e.what()));
    return apiError(kind.httpStatus, kind.code, "", kind.internal ? "internal error" : "the server cannot answer now");
  }
  if (const auto* field = dynamic_cast<const FieldException*>(&e))
    return apiError(kind.httpStatus, kind.code, field->field(), field->reason());
  const auto* poco = dynamic_cast<const Poco::Exception*>(&e);
  return apiError(kind.httpStatus, kind.code, "", poco != nullptr ? poco->message() : "internal error");
}

}  // namespace MultiFlexi
