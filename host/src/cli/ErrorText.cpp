#include "cli/ErrorText.h"

#include "common/Exceptions.h"

namespace MultiFlexi {

std::string optionOfField(const std::string& field) {
  static const std::string kFields = "fields.";
  if (field.compare(0, kFields.size(), kFields) == 0) return "--field " + field.substr(kFields.size());
  return "--" + field;
}

std::string errorText(const std::exception& e) {
  if (const auto* fieldError = dynamic_cast<const FieldException*>(&e); fieldError && !fieldError->problems().empty()) {
    std::string out;
    for (const FieldProblem& p : fieldError->problems())
      out += (out.empty() ? "" : "\n") + optionOfField(p.field) + ": " + p.reason;
    return out;
  }
  if (const auto* poco = dynamic_cast<const Poco::Exception*>(&e)) return poco->message();
  return e.what();
}

}  // namespace MultiFlexi
