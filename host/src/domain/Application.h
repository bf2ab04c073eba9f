// An application, as its MultiFlexi manifest describes it. Localized texts
// and free-form parts are kept as the JSON the manifest had, so nothing of a
// manifest is lost between import and export.
#pragma once

#include "common/Clock.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace MultiFlexi {

/// One variable the application reads from its environment.
struct EnvField {
  std::string key;                        ///< ^[A-Z0-9_]+$
  std::optional<std::string> type;        ///< string, file-path, email, url, integer, float, bool, password, set, text
  std::optional<std::string> category;    ///< API, Database, Behavior, Security, Other
  std::optional<std::string> descriptionJson;  ///< localized string as JSON
  std::optional<std::string> hintJson;
  std::optional<std::string> defvalJson;  ///< any JSON value
  std::optional<bool> required;
  std::optional<bool> secret;
  std::optional<std::string> optionsJson;
  std::optional<std::string> extraJson;   ///< other keys of the field (name, note, multiline ...), a JSON object

  /// Secret when flagged, or of type password; unless flagged not secret,
  /// also when its name says so (isSecretField: ..._PASSWORD, ..._TOKEN ...).
  bool isSecret() const;
  bool operator==(const EnvField&) const = default;
};

/// A file the application leaves in its working directory.
struct ArtifactSpec {
  std::string nameJson;  ///< localized string as JSON
  std::string path;      ///< a regular expression matched against file names
  std::string type;
  std::optional<std::string> descriptionJson;
  bool operator==(const ArtifactSpec&) const = default;
};

/// What an exit code means.
struct ExitCodeSpec {
  int code = 0;
  std::string descriptionJson;
  std::optional<std::string> severity;  ///< success, info, warning, error, critical
  std::optional<bool> retry;
  bool operator==(const ExitCodeSpec&) const = default;
};

/// A named output (produces) or input (consumes) of the application.
struct DataPort {
  std::string name;
  std::string format;  ///< file, json, text, url, custom
  std::optional<std::string> descriptionJson;
  std::optional<std::string> patternsJson;  ///< produces: JSON array of patterns
  std::optional<bool> required;             ///< consumes
  std::optional<std::string> extraJson;     ///< other keys (fields, target ...)
  bool operator==(const DataPort&) const = default;
};

struct Application {
  int64_t id = 0;
  std::optional<std::string> uuid;
  std::string name;      ///< display name: "en", else the first language
  std::string nameJson;  ///< as in the manifest
  std::optional<std::string> titleJson;
  std::string descriptionJson;
  std::optional<std::string> version;
  std::string executable;
  std::optional<std::string> cmdparams;          ///< legacy key, {VAR} macros
  std::optional<std::string> cmdparamsTemplate;  ///< kept (MultiFlexi drops it)
  std::optional<std::string> setup;
  std::optional<std::string> deploy;
  std::optional<std::string> ociimage;
  std::optional<std::string> homepage;
  std::optional<std::string> image;
  std::optional<std::string> author;
  std::optional<std::string> license;
  std::optional<std::string> category;
  std::optional<std::string> schemaVersion;
  std::optional<std::string> schemaUrl;  ///< the manifest's $schema
  std::vector<std::string> requirements;
  std::vector<std::string> tags;  ///< "tags", or the legacy "topics"
  std::optional<std::string> kubernetesJson;
  std::optional<std::string> eventsJson;
  std::optional<std::string> extraJson;  ///< top-level keys the schema does not define
  bool enabled = true;
  std::vector<EnvField> environment;
  std::vector<ArtifactSpec> artifacts;
  std::vector<ExitCodeSpec> exitCodes;
  std::vector<DataPort> produces;
  std::vector<DataPort> consumes;
  Instant createdAt = 0;
  Instant updatedAt = 0;

  /// Equal in everything a manifest carries (ids and timestamps aside).
  bool sameContent(const Application& other) const;
};

}  // namespace MultiFlexi
