// MultiFlexi application manifests <-> Application, losslessly: every key
// the schema defines, the legacy keys (cmdparams, topics, setup, deploy),
// cmdparamsTemplate, every language of localized texts, and unknown keys.
#pragma once

#include "domain/Application.h"

#include "common/Json.h"

namespace MultiFlexi {

/// The application a manifest describes. The manifest must already be valid
/// against the schema (ManifestValidator).
Application applicationFromManifest(const OrderedJson& manifest);

/// The manifest of an application; it validates against the same schema and
/// imports back to the same record.
OrderedJson manifestFromApplication(const Application& application);

/// The display text of a localized value given as JSON: the string itself,
/// else "en", else the first language.
std::string localizedDefault(const std::string& localizedJson);

}  // namespace MultiFlexi
