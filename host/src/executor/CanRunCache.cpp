#include "executor/CanRunCache.h"

#include "plugin/ExecutorInput.h"

namespace MultiFlexi {

std::optional<std::string> CanRunCache::refusal(const ExecutorAdapter& executor, const Application& app,
                                                const std::optional<std::string>& templateImage) {
  const auto key = std::make_tuple(executor.id(), app.id, templateImage.value_or(""));
  auto it = _answers.find(key);
  if (it != _answers.end() && it->second.appUpdatedAt == app.updatedAt) return it->second.refusal;
  ++_asked;
  Answer answer{app.updatedAt, executor.refusal(manifestForTemplate(app, templateImage).dump())};
  return (_answers[key] = std::move(answer)).refusal;
}

}  // namespace MultiFlexi
