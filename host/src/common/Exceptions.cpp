#include "common/Exceptions.h"

#include <typeinfo>

namespace MultiFlexi {

POCO_IMPLEMENT_EXCEPTION(MultiFlexiException, Poco::RuntimeException, "MultiFlexi error")
POCO_IMPLEMENT_EXCEPTION(UsageException, MultiFlexiException, "Usage error")
POCO_IMPLEMENT_EXCEPTION(PluginException, MultiFlexiException, "Plugin error")
POCO_IMPLEMENT_EXCEPTION(UnknownComponentException, PluginException, "Unknown component")
POCO_IMPLEMENT_EXCEPTION(ValidationException, MultiFlexiException, "Invalid value")
POCO_IMPLEMENT_EXCEPTION(NotFoundException, MultiFlexiException, "Not found")
POCO_IMPLEMENT_EXCEPTION(ConflictException, MultiFlexiException, "Conflict")
POCO_IMPLEMENT_EXCEPTION(StoreException, MultiFlexiException, "Store error")
POCO_IMPLEMENT_EXCEPTION(StoreUnavailableException, StoreException, "Store unavailable")
POCO_IMPLEMENT_EXCEPTION(ConfigurationException, MultiFlexiException, "Configuration error")
POCO_IMPLEMENT_EXCEPTION(EncryptionKeyException, MultiFlexiException, "Encryption key error")
POCO_IMPLEMENT_EXCEPTION(CryptoException, MultiFlexiException, "Sealed value error")
POCO_IMPLEMENT_EXCEPTION(ManifestException, ValidationException, "Invalid manifest")

}  // namespace MultiFlexi
