#include "common/Exceptions.h"

#include <typeinfo>

namespace MultiFlexi {

POCO_IMPLEMENT_EXCEPTION(MultiFlexiException, Poco::RuntimeException, "MultiFlexi error")
POCO_IMPLEMENT_EXCEPTION(UsageException, MultiFlexiException, "Usage error")
POCO_IMPLEMENT_EXCEPTION(PluginException, MultiFlexiException, "Plugin error")
POCO_IMPLEMENT_EXCEPTION(UnknownComponentException, PluginException, "Unknown component")

}  // namespace MultiFlexi
