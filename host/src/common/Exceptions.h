// The host's exception hierarchy. Everything the host throws on purpose
// derives from MultiFlexiException, so the CLI reports it as one clear line.
#pragma once

#include <Poco/Exception.h>

#include <string>
#include <utility>
#include <vector>

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

/// One thing wrong with one field of the input: the field as records and the
/// API name it ("slug", "app_id", "fields.DATABASE_PORT") and the reason. The
/// reason never holds a value that may be secret.
struct FieldProblem {
  std::string field;
  std::string reason;
};

/// Root of the errors about the caller's input: each carries the problems
/// (one or more fields with a reason each), or only a reason when no single
/// field is at fault. message() is "field: reason" per problem, one per line;
/// front-ends render their own form from problems() (the CLI prints
/// "--field: reason", the API a JSON error with the field).
class FieldException : public MultiFlexiException {
 public:
  /// One field at fault.
  FieldException(const std::string& field, const std::string& reason);
  /// Several fields at fault (not empty).
  explicit FieldException(std::vector<FieldProblem> problems);
  /// The input as a whole is at fault: the message is the reason.
  explicit FieldException(const std::string& msg);
  FieldException(const FieldException& other);
  ~FieldException() noexcept override;
  FieldException& operator=(const FieldException& other);
  const char* name() const noexcept override;
  const char* className() const noexcept override;
  Poco::Exception* clone() const override;
  void rethrow() const override;

  /// The fields at fault; empty when the error is about the input as a whole.
  const std::vector<FieldProblem>& problems() const { return _problems; }
  /// The first field at fault, or "" when none is.
  std::string field() const { return _problems.empty() ? std::string() : _problems.front().field; }
  /// The first problem's reason, or the whole message when no field is at fault.
  std::string reason() const { return _problems.empty() ? message() : _problems.front().reason; }

 private:
  std::vector<FieldProblem> _problems;
};

/// Declares an error about input fields, like POCO_DECLARE_EXCEPTION but
/// with FieldException's field constructors.
#define MFX_DECLARE_FIELD_EXCEPTION(CLS, BASE)                                              \
  class CLS : public BASE {                                                                 \
   public:                                                                                  \
    using BASE::BASE;                                                                       \
    CLS(const CLS& other) = default;                                                        \
    CLS& operator=(const CLS& other) = default;                                             \
    ~CLS() noexcept override = default;                                                     \
    const char* name() const noexcept override;                                             \
    const char* className() const noexcept override;                                        \
    Poco::Exception* clone() const override { return new CLS(*this); }                      \
    void rethrow() const override { throw *this; }                                          \
  };

/// Input that breaks a rule of the domain, e.g. field "interv", reason
/// "unknown interval code 'x' (use n, i, h, d, w, m, y or c)".
MFX_DECLARE_FIELD_EXCEPTION(ValidationException, FieldException)

/// A record that does not exist (the field names the reference that missed,
/// when the caller gave one).
MFX_DECLARE_FIELD_EXCEPTION(NotFoundException, FieldException)

/// An operation that would break a relation or a uniqueness rule (deleting a
/// company that has jobs, a slug already taken). The reason says which.
MFX_DECLARE_FIELD_EXCEPTION(ConflictException, FieldException)

/// A caller who could not be identified: no credentials, a wrong password,
/// an unknown, disabled or expired account or token. The message is the same
/// whatever the cause, so that it tells an attacker nothing.
POCO_DECLARE_EXCEPTION(, UnauthorizedException, MultiFlexiException)

/// A known caller who may see the record but not do this to it (a viewer
/// running a job). The field names what was refused.
MFX_DECLARE_FIELD_EXCEPTION(ForbiddenException, FieldException)

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
MFX_DECLARE_FIELD_EXCEPTION(ManifestException, ValidationException)

/// Encryption at rest cannot be used: the master key file is missing,
/// unreadable, too widely readable, or not the key the data was sealed with.
/// The message names the file and what to do.
POCO_DECLARE_EXCEPTION(, EncryptionKeyException, MultiFlexiException)

/// A sealed value that does not open: altered, truncated, moved to another
/// record or tenant, or sealed with a retired key. The message names the
/// record and field, never the value.
POCO_DECLARE_EXCEPTION(, CryptoException, MultiFlexiException)

}  // namespace MultiFlexi
