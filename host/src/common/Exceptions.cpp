#include "common/Exceptions.h"

#include <typeinfo>

namespace MultiFlexi {

POCO_IMPLEMENT_EXCEPTION(MultiFlexiException, Poco::RuntimeException, "MultiFlexi error")
POCO_IMPLEMENT_EXCEPTION(UsageException, MultiFlexiException, "Usage error")
POCO_IMPLEMENT_EXCEPTION(PluginException, MultiFlexiException, "Plugin error")
POCO_IMPLEMENT_EXCEPTION(UnknownComponentException, PluginException, "Unknown component")
POCO_IMPLEMENT_EXCEPTION(StoreException, MultiFlexiException, "Store error")
POCO_IMPLEMENT_EXCEPTION(StoreUnavailableException, StoreException, "Store unavailable")
POCO_IMPLEMENT_EXCEPTION(ConfigurationException, MultiFlexiException, "Configuration error")
POCO_IMPLEMENT_EXCEPTION(UnauthorizedException, MultiFlexiException, "Unauthorized")
POCO_IMPLEMENT_EXCEPTION(EncryptionKeyException, MultiFlexiException, "Encryption key error")
POCO_IMPLEMENT_EXCEPTION(CryptoException, MultiFlexiException, "Sealed value error")

namespace {

std::string messageOf(const std::vector<FieldProblem>& problems) {
  std::string out;
  for (const auto& p : problems) out += (out.empty() ? "" : "\n") + p.field + ": " + p.reason;
  return out;
}

}  // namespace

FieldException::FieldException(const std::string& field, const std::string& reason)
    : FieldException(std::vector<FieldProblem>{{field, reason}}) {}
FieldException::FieldException(std::vector<FieldProblem> problems)
    : MultiFlexiException(messageOf(problems)), _problems(std::move(problems)) {}
FieldException::FieldException(const std::string& msg) : MultiFlexiException(msg) {}
FieldException::FieldException(const FieldException& other) = default;
FieldException::~FieldException() noexcept = default;
FieldException& FieldException::operator=(const FieldException& other) = default;
const char* FieldException::name() const noexcept { return "Invalid input"; }
const char* FieldException::className() const noexcept { return typeid(*this).name(); }
Poco::Exception* FieldException::clone() const { return new FieldException(*this); }
void FieldException::rethrow() const { throw *this; }

#define MFX_IMPLEMENT_FIELD_EXCEPTION(CLS, NAME)                            \
  const char* CLS::name() const noexcept { return NAME; }                  \
  const char* CLS::className() const noexcept { return typeid(*this).name(); }

MFX_IMPLEMENT_FIELD_EXCEPTION(ValidationException, "Invalid value")
MFX_IMPLEMENT_FIELD_EXCEPTION(NotFoundException, "Not found")
MFX_IMPLEMENT_FIELD_EXCEPTION(ConflictException, "Conflict")
MFX_IMPLEMENT_FIELD_EXCEPTION(ForbiddenException, "Forbidden")
MFX_IMPLEMENT_FIELD_EXCEPTION(ManifestException, "Invalid manifest")

}  // namespace MultiFlexi
