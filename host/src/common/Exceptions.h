// The host's exception hierarchy. Everything the host throws on purpose
// derives from MultiFlexiException, so the CLI reports it as one clear line.
#pragma once

#include <Poco/Exception.h>

namespace MultiFlexi {

/// Root of the host's own exceptions.
POCO_DECLARE_EXCEPTION(, MultiFlexiException, Poco::RuntimeException)

/// A command line that cannot be understood (unknown command, bad option
/// value). The CLI exits with EX_USAGE (64).
POCO_DECLARE_EXCEPTION(, UsageException, MultiFlexiException)

/// A plugin could not be loaded or used.
POCO_DECLARE_EXCEPTION(, PluginException, MultiFlexiException)

/// A component id (executor, credential type, monitor) no plugin registered.
POCO_DECLARE_EXCEPTION(, UnknownComponentException, PluginException)

}  // namespace MultiFlexi
