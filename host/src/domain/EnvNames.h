// The one rule for environment variable names, wherever they enter: manifest
// environment keys, company environment, run-template configuration,
// one-off overrides (credential prototypes add their own, stricter rule).
//
// A name is POSIX's portable shell name, [A-Za-z_][A-Za-z0-9_]*: what a shell
// can expand and what no execve() environment misreads (no '=', no NUL, no
// control bytes). Every environment key of MultiFlexi's published manifests
// is upper-case and passes; lower case stays allowed for company variables
// such as http_proxy. MultiFlexi's own schema also allows a digit first
// (^[A-Z0-9_]+$); no real manifest uses one and no shell can expand one.
//
// Names that change how a program is loaded or how a shell or interpreter
// starts (LD_PRELOAD, BASH_ENV, PYTHONSTARTUP, ...; isLoaderOrShell) would
// let whoever sets a company or template value run code inside any
// application's job: they are refused unless the administrator allows them
// by name (MULTIFLEXI_ALLOWED_ENV).
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>

namespace MultiFlexi {

class EnvNamePolicy {
 public:
  /// Allows no loader or shell variable.
  EnvNamePolicy() = default;
  /// Allows the loader or shell variables named in `allowed`.
  explicit EnvNamePolicy(std::set<std::string> allowed) : _allowed(std::move(allowed)) {}

  /// [A-Za-z_][A-Za-z0-9_]*.
  static bool isName(std::string_view name);
  /// LD_* (the dynamic loader), GLIBC_TUNABLES, the shells' startup and
  /// parsing variables (BASH_ENV, ENV, SHELLOPTS, BASHOPTS, PS4, IFS) and the
  /// interpreters' preload/option variables (PYTHONSTARTUP, PYTHONPATH,
  /// PYTHONHOME, PERL5OPT, PERL5LIB, PERLLIB, RUBYOPT, RUBYLIB, NODE_OPTIONS,
  /// PHPRC, PHP_INI_SCAN_DIR, JAVA_TOOL_OPTIONS, _JAVA_OPTIONS,
  /// JDK_JAVA_OPTIONS).
  static bool isLoaderOrShell(std::string_view name);

  /// Why `name` is refused (not a name, or a loader or shell variable not
  /// allowed), the name quoted with control bytes escaped; nothing when it
  /// is accepted.
  std::optional<std::string> problem(std::string_view name) const;
  /// Throws ValidationException "<field>: <problem>" when `name` is refused.
  void require(const std::string& field, std::string_view name) const;
  /// The first name (key) of `environment`, any map keyed by name, that is
  /// refused, as a launch failure reason ("environment variable
  /// 'LD_PRELOAD' ..."); nothing when all are accepted. For jobs whose names
  /// entered before the rule did (defence in depth at launch).
  template <class NameMap>
  std::optional<std::string> launchRefusal(const NameMap& environment) const {
    for (const auto& entry : environment)
      if (auto why = problem(entry.first)) return "environment variable " + *why;
    return std::nullopt;
  }

  const std::set<std::string>& allowed() const { return _allowed; }

 private:
  std::set<std::string> _allowed;
};

}  // namespace MultiFlexi
