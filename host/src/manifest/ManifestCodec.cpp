#include "manifest/ManifestCodec.h"

#include "common/Exceptions.h"

#include <set>

namespace MultiFlexi {

namespace {

const std::set<std::string> kTopLevelKeys = {
    "$schema", "image",   "title",     "name",         "description", "author",
    "license", "category", "tags",     "homepage",     "uuid",        "version",
    "schemaVersion", "ociimage", "executable", "cmdparamsTemplate", "environment", "artifacts",
    "produces", "consumes", "events", "exitCodes", "kubernetes", "requirements",
    // legacy keys real manifests still use
    "cmdparams", "topics", "setup", "deploy"};
const std::set<std::string> kEnvFieldKeys = {"type",     "category", "description", "hint",
                                             "defval",   "required", "secret",      "options"};
const std::set<std::string> kProducesKeys = {"description", "patterns", "format"};
const std::set<std::string> kConsumesKeys = {"description", "required", "format"};

std::optional<std::string> optString(const OrderedJson& object, const char* key) {
  auto it = object.find(key);
  if (it == object.end()) return std::nullopt;
  return it->get<std::string>();
}
std::optional<bool> optBool(const OrderedJson& object, const char* key) {
  auto it = object.find(key);
  if (it == object.end() || !it->is_boolean()) return std::nullopt;
  return it->get<bool>();
}
std::optional<std::string> optDump(const OrderedJson& object, const char* key) {
  auto it = object.find(key);
  if (it == object.end()) return std::nullopt;
  return it->dump();
}

void put(OrderedJson& object, const char* key, const std::optional<std::string>& value) {
  if (value) object[key] = *value;
}
void putBool(OrderedJson& object, const char* key, const std::optional<bool>& value) {
  if (value) object[key] = *value;
}
void putParsed(OrderedJson& object, const char* key, const std::optional<std::string>& json) {
  if (json) object[key] = OrderedJson::parse(*json);
}
void putExtras(OrderedJson& object, const std::optional<std::string>& json) {
  if (!json) return;
  const OrderedJson parsed = OrderedJson::parse(*json);
  for (const auto& [key, value] : parsed.items()) object[key] = value;
}

DataPort portFrom(const std::string& name, const OrderedJson& spec, const std::set<std::string>& known) {
  DataPort port;
  port.name = name;
  port.format = spec.at("format").get<std::string>();
  port.descriptionJson = optDump(spec, "description");
  port.patternsJson = optDump(spec, "patterns");
  port.required = optBool(spec, "required");
  port.extraJson = extraMembers(spec, known);
  return port;
}

OrderedJson portTo(const DataPort& port) {
  OrderedJson spec = OrderedJson::object();
  putParsed(spec, "description", port.descriptionJson);
  putParsed(spec, "patterns", port.patternsJson);
  putBool(spec, "required", port.required);
  spec["format"] = port.format;
  putExtras(spec, port.extraJson);
  return spec;
}

}  // namespace

std::string localizedDefault(const std::string& localizedJson) {
  const OrderedJson value = OrderedJson::parse(localizedJson);
  if (value.is_string()) return value.get<std::string>();
  if (value.is_object() && !value.empty()) {
    if (value.contains("en")) return value["en"].get<std::string>();
    return value.begin()->get<std::string>();
  }
  return {};
}

Application applicationFromManifest(const OrderedJson& m) {
  Application app;
  // Legacy keys the schema does not type: kept as fields when they have the
  // expected type, else verbatim among the unknown keys.
  std::set<std::string> known = kTopLevelKeys;
  for (const char* key : {"cmdparams", "setup", "deploy"})
    if (m.contains(key) && !m[key].is_string()) known.erase(key);
  if (m.contains("topics") && !m["topics"].is_array()) known.erase("topics");
  app.schemaUrl = optString(m, "$schema");
  app.nameJson = m.at("name").dump();
  app.name = localizedDefault(app.nameJson);
  app.titleJson = optDump(m, "title");
  app.descriptionJson = m.at("description").dump();
  app.uuid = optString(m, "uuid");
  app.version = optString(m, "version");
  app.schemaVersion = optString(m, "schemaVersion");
  app.executable = m.at("executable").get<std::string>();
  if (known.count("cmdparams")) app.cmdparams = optString(m, "cmdparams");
  app.cmdparamsTemplate = optString(m, "cmdparamsTemplate");
  if (known.count("setup")) app.setup = optString(m, "setup");
  if (known.count("deploy")) app.deploy = optString(m, "deploy");
  app.ociimage = optString(m, "ociimage");
  app.image = optString(m, "image");
  app.homepage = optString(m, "homepage");
  app.author = optString(m, "author");
  app.license = optString(m, "license");
  app.category = optString(m, "category");
  if (auto it = m.find("requirements"); it != m.end())
    for (const auto& r : *it) app.requirements.push_back(r.get<std::string>());
  for (const char* key : {"tags", "topics"})
    if (auto it = m.find(key); it != m.end() && known.count(key))
      for (const auto& t : *it) app.tags.push_back(t.get<std::string>());
  app.kubernetesJson = optDump(m, "kubernetes");
  app.eventsJson = optDump(m, "events");
  app.extraJson = extraMembers(m, known);

  for (const auto& [key, spec] : m.at("environment").items()) {
    EnvField field;
    field.key = key;
    field.type = optString(spec, "type");
    field.category = optString(spec, "category");
    field.descriptionJson = optDump(spec, "description");
    field.hintJson = optDump(spec, "hint");
    field.defvalJson = optDump(spec, "defval");
    field.required = optBool(spec, "required");
    field.secret = optBool(spec, "secret");
    field.optionsJson = optDump(spec, "options");
    field.extraJson = extraMembers(spec, kEnvFieldKeys);
    app.environment.push_back(std::move(field));
  }
  if (auto it = m.find("artifacts"); it != m.end())
    for (const auto& a : *it)
      app.artifacts.push_back(ArtifactSpec{a.at("name").dump(), a.at("path").get<std::string>(),
                                           a.at("type").get<std::string>(), optDump(a, "description")});
  if (auto it = m.find("exitCodes"); it != m.end())
    for (const auto& [code, spec] : it->items()) {
      if (code.size() > 9)
        throw ManifestException("$.exitCodes." + code + ": exit code out of range");
      app.exitCodes.push_back(ExitCodeSpec{std::stoi(code), spec.at("description").dump(),
                                           optString(spec, "severity"), optBool(spec, "retry")});
    }
  if (auto it = m.find("produces"); it != m.end())
    for (const auto& [name, spec] : it->items()) app.produces.push_back(portFrom(name, spec, kProducesKeys));
  if (auto it = m.find("consumes"); it != m.end())
    for (const auto& [name, spec] : it->items()) app.consumes.push_back(portFrom(name, spec, kConsumesKeys));
  return app;
}

OrderedJson manifestFromApplication(const Application& app) {
  OrderedJson m = OrderedJson::object();
  put(m, "$schema", app.schemaUrl);
  m["name"] = OrderedJson::parse(app.nameJson);
  putParsed(m, "title", app.titleJson);
  m["description"] = OrderedJson::parse(app.descriptionJson);
  put(m, "uuid", app.uuid);
  put(m, "version", app.version);
  put(m, "schemaVersion", app.schemaVersion);
  m["executable"] = app.executable;
  put(m, "cmdparams", app.cmdparams);
  put(m, "cmdparamsTemplate", app.cmdparamsTemplate);
  put(m, "setup", app.setup);
  put(m, "deploy", app.deploy);
  put(m, "ociimage", app.ociimage);
  put(m, "image", app.image);
  put(m, "homepage", app.homepage);
  put(m, "author", app.author);
  put(m, "license", app.license);
  put(m, "category", app.category);
  if (!app.requirements.empty()) m["requirements"] = app.requirements;
  if (!app.tags.empty()) m["tags"] = app.tags;

  OrderedJson environment = OrderedJson::object();
  for (const EnvField& f : app.environment) {
    OrderedJson spec = OrderedJson::object();
    put(spec, "type", f.type);
    put(spec, "category", f.category);
    putParsed(spec, "description", f.descriptionJson);
    putParsed(spec, "hint", f.hintJson);
    putParsed(spec, "defval", f.defvalJson);
    putBool(spec, "required", f.required);
    putBool(spec, "secret", f.secret);
    putParsed(spec, "options", f.optionsJson);
    putExtras(spec, f.extraJson);
    environment[f.key] = spec;
  }
  m["environment"] = environment;
  if (!app.artifacts.empty()) {
    OrderedJson artifacts = OrderedJson::array();
    for (const ArtifactSpec& a : app.artifacts) {
      OrderedJson spec = OrderedJson::object();
      spec["name"] = OrderedJson::parse(a.nameJson);
      spec["path"] = a.path;
      spec["type"] = a.type;
      putParsed(spec, "description", a.descriptionJson);
      artifacts.push_back(spec);
    }
    m["artifacts"] = artifacts;
  }
  if (!app.exitCodes.empty()) {
    OrderedJson codes = OrderedJson::object();
    for (const ExitCodeSpec& c : app.exitCodes) {
      OrderedJson spec = OrderedJson::object();
      spec["description"] = OrderedJson::parse(c.descriptionJson);
      put(spec, "severity", c.severity);
      putBool(spec, "retry", c.retry);
      codes[std::to_string(c.code)] = spec;
    }
    m["exitCodes"] = codes;
  }
  if (!app.produces.empty()) {
    OrderedJson produces = OrderedJson::object();
    for (const DataPort& p : app.produces) produces[p.name] = portTo(p);
    m["produces"] = produces;
  }
  if (!app.consumes.empty()) {
    OrderedJson consumes = OrderedJson::object();
    for (const DataPort& p : app.consumes) consumes[p.name] = portTo(p);
    m["consumes"] = consumes;
  }
  putParsed(m, "events", app.eventsJson);
  putParsed(m, "kubernetes", app.kubernetesJson);
  putExtras(m, app.extraJson);
  return m;
}

}  // namespace MultiFlexi
