// What an executor plugin is told about a run template's application: the
// manifest it judges in can_run, and the options_json of each job. A run
// template's ociimage (`templateImage`) overrides the application's.
#pragma once

#include "common/Json.h"
#include "domain/Application.h"

#include <optional>
#include <string>

namespace MultiFlexi {

/// The application's manifest with the template's image override applied.
OrderedJson manifestForTemplate(const Application& app, const std::optional<std::string>& templateImage);

/// {"image": "..."} when an image applies to the template's jobs; "" otherwise.
std::string executorOptionsJson(const Application& app, const std::optional<std::string>& templateImage);

}  // namespace MultiFlexi
