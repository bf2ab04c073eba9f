// Turns an application's command line — executable + cmdparams as the
// manifest writes them, {NAME} macros not yet expanded — into the argv an
// executor runs.
//
// Whether a shell is needed is decided on the manifest's own text, never on
// the values: a line without shell syntax is split like a POSIX shell would
// split it and each macro's value lands inside one word as data; a line with
// shell syntax (pipes, redirections, $VAR, globs ...) runs as /bin/sh -c,
// with each macro replaced by a quoted reference to the job's environment
// variable of that name ("${NAME}"), so the shell expands the value and never
// parses it. The same holds for the script of an explicit `sh -c SCRIPT`
// (bash, dash, ksh, zsh too, also after `env`): the manifest's script text
// gets the references, not the values. A value can therefore never become
// shell syntax, and a '$' in a password reaches the job unchanged. (A macro
// inside another interpreter's program text — `python3 -c`, `perl -e` — is
// inserted as text: such a program should read the variable from its
// environment.) (MultiFlexi pastes values into the
// line with only spaces escaped; we differ on purpose.)
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace MultiFlexi {

/// The value of macro {NAME}, or nullopt when NAME is unknown (the macro
/// then stays as written).
using MacroLookup = std::function<std::optional<std::string>(const std::string& name)>;

/// What a job runs, and how the line is shown and stored.
struct CommandLine {
  std::vector<std::string> argv;
  /// Without a shell: the words, quoted where needed so the line can be
  /// pasted into a shell; with one: the script as /bin/sh gets it. Values of
  /// macros appear in the first form only (mask secrets before storing).
  std::string display;
  bool shell = false;
};

/// Builds the command of `line`. Quotes ('...', "...") and backslash escapes
/// group words as in sh; a word made only of macros whose values are empty
/// disappears, as it did in MultiFlexi. Throws ValidationException for an
/// unterminated quote, a trailing backslash, an empty line, or (with a shell)
/// a macro whose name is not a shell variable name.
CommandLine buildCommandLine(const std::string& line, const MacroLookup& lookup);

}  // namespace MultiFlexi
