// The one table of error kinds: which exception is which kind of failure,
// with the CLI's exit code and the HTTP status each front-end answers with.
#pragma once

#include <exception>

namespace MultiFlexi {

struct ErrorKind {
  /// Stable name of the kind, as the API's JSON errors carry it ("validation").
  const char* code;
  /// The CLI's exit status (sysexits.h values where one fits).
  int exitCode;
  /// The HTTP status of a request that failed with it.
  int httpStatus;
  /// Whether the error is the host's own fault rather than the caller's or
  /// the environment's: front-ends show "internal error" and log it.
  bool internal;
};

/// The kind of `e`: the most derived entry of the table that `e` is.
/// Anything not thrown on purpose by the host is "internal".
const ErrorKind& errorKindOf(const std::exception& e);

}  // namespace MultiFlexi
