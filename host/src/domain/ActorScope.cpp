#include "domain/ActorScope.h"

namespace MultiFlexi {

namespace {
thread_local const Caller* currentActor = nullptr;
}  // namespace

ActorScope::ActorScope(const Caller& caller) : _previous(currentActor) { currentActor = &caller; }

ActorScope::~ActorScope() { currentActor = _previous; }

const Caller* ActorScope::current() { return currentActor; }

}  // namespace MultiFlexi
