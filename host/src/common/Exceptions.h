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

/// Input that breaks a rule of the domain. The message names the field and
/// the reason, e.g. "--interv: unknown interval code 'x' (use n, i, h, d, w, m, y or c)".
POCO_DECLARE_EXCEPTION(, ValidationException, MultiFlexiException)

/// A record that does not exist.
POCO_DECLARE_EXCEPTION(, NotFoundException, MultiFlexiException)

/// An operation that would break a relation or a uniqueness rule (deleting a
/// company that has jobs, a slug already taken). The message says which.
POCO_DECLARE_EXCEPTION(, ConflictException, MultiFlexiException)

/// The database cannot be used (newer than this binary, unreachable ...).
POCO_DECLARE_EXCEPTION(, StoreException, MultiFlexiException)

/// The database cannot be written or read because of its environment (disk
/// full, read-only, I/O error): the operator must act, the command is fine.
/// The message names the database and the reason.
POCO_DECLARE_EXCEPTION(, StoreUnavailableException, StoreException)

/// A setting (environment variable, -D property, env file) with a value the
/// host cannot use, or an env file that cannot be read. The message names it.
POCO_DECLARE_EXCEPTION(, ConfigurationException, MultiFlexiException)

/// A manifest that cannot be imported: not JSON, or not valid against the
/// schema. The message names the file, the JSON path and the rule.
POCO_DECLARE_EXCEPTION(, ManifestException, ValidationException)

/// Encryption at rest cannot be used: the master key file is missing,
/// unreadable, too widely readable, or not the key the data was sealed with.
/// The message names the file and what to do.
POCO_DECLARE_EXCEPTION(, EncryptionKeyException, MultiFlexiException)

/// A sealed value that does not open: altered, truncated, moved to another
/// record or tenant, or sealed with a retired key. The message names the
/// record and field, never the value.
POCO_DECLARE_EXCEPTION(, CryptoException, MultiFlexiException)

}  // namespace MultiFlexi
