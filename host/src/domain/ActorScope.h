// Who the audit trail names for the changes made on this thread: a
// front-end sets one around each call into the catalog (the HTTP router per
// request, after authenticating; the CLI around its command). The catalog
// is shared by the server's worker threads, so the actor cannot be a field
// of it; a parameter on every use case would touch every catalog call. A
// thread-local scope is explicit at the one place that knows the caller and
// cannot leak into another request's thread.
//
// Without a scope the audit trail names the Unix user running the process
// (the daemons, maintenance). Scopes nest; each restores the one before.
#pragma once

#include "domain/Caller.h"

namespace MultiFlexi {

class ActorScope {
 public:
  /// `caller` must outlive the scope.
  explicit ActorScope(const Caller& caller);
  ~ActorScope();
  ActorScope(const ActorScope&) = delete;
  ActorScope& operator=(const ActorScope&) = delete;

  /// The caller of the innermost scope on this thread; nullptr outside one.
  static const Caller* current();

 private:
  const Caller* _previous;
};

}  // namespace MultiFlexi
