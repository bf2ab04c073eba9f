#include "manifest/PrototypeCodec.h"

#include "common/Exceptions.h"
#include "manifest/ManifestCodec.h"

#include <regex>
#include <set>

namespace MultiFlexi {

namespace {

const std::string kSchemaBase =
    "https://raw.githubusercontent.com/VitexSoftware/php-vitexsoftware-multiflexi-core/refs/heads/main/schema/";

const std::set<std::string> kTopKeys = {"$schema", "uuid", "code",     "name", "description", "version",
                                        "logo",    "url",  "homepage", "tags", "fields"};
const std::set<std::string> kFieldKeys = {"keyword", "type",    "name",     "description", "hint",
                                          "default", "default_value", "required", "options"};

/// Reads one document, collecting problems instead of stopping at the first.
class Reader {
 public:
  std::vector<std::string> problems;

  void problem(const std::string& path, const std::string& reason) { problems.push_back(path + ": " + reason); }

  std::optional<std::string> text(const OrderedJson& object, const std::string& key, const std::string& path,
                                  bool required) {
    if (!object.contains(key) || object[key].is_null()) {
      if (required) problem(path + "." + key, "is required");
      return std::nullopt;
    }
    if (!object[key].is_string()) {
      problem(path + "." + key, "must be a string");
      return std::nullopt;
    }
    return object[key].get<std::string>();
  }

  /// A localized text: a string, or an object of language -> string.
  std::optional<std::string> localized(const OrderedJson& object, const std::string& key, const std::string& path,
                                       bool required) {
    if (!object.contains(key) || object[key].is_null()) {
      if (required) problem(path + "." + key, "is required");
      return std::nullopt;
    }
    const OrderedJson& v = object[key];
    if (v.is_string()) return v.dump();
    if (v.is_object() && !v.empty()) {
      for (const auto& [language, value] : v.items())
        if (!value.is_string()) {
          problem(path + "." + key + "." + language, "must be a string");
          return std::nullopt;
        }
      return v.dump();
    }
    problem(path + "." + key, "must be a string or an object of language -> string");
    return std::nullopt;
  }

  std::optional<std::string> scalarText(const OrderedJson& v, const std::string& path) {
    if (v.is_string()) return v.get<std::string>();
    if (v.is_boolean()) return std::string(v.get<bool>() ? "true" : "false");
    if (v.is_number()) return v.dump();
    if (!v.is_null()) problem(path, "must be a string, a number or a boolean");
    return std::nullopt;
  }
};

std::optional<std::string> options(Reader& reader, const OrderedJson& field, const std::string& path) {
  if (!field.contains("options") || field["options"].is_null()) return std::nullopt;
  const OrderedJson& list = field["options"];
  if (!list.is_array()) {
    reader.problem(path + ".options", "must be an array");
    return std::nullopt;
  }
  OrderedJson out = OrderedJson::array();
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string at = path + ".options[" + std::to_string(i) + "]";
    if (list[i].is_string()) {
      out.push_back({{"value", list[i]}, {"label", list[i]}});
    } else if (list[i].is_object() && list[i].contains("value")) {
      auto value = reader.scalarText(list[i]["value"], at + ".value");
      std::string label = value.value_or("");
      if (list[i].contains("label") && list[i]["label"].is_string()) label = list[i]["label"].get<std::string>();
      if (value) out.push_back({{"value", *value}, {"label", label}});
    } else {
      reader.problem(at, "must be a string or an object with value and label");
    }
  }
  return out.dump();
}

PrototypeField readField(Reader& reader, const OrderedJson& f, const std::string& path) {
  static const std::regex keywordRule("^[A-Z][A-Z0-9_]*$");
  PrototypeField field;
  if (!f.is_object()) {
    reader.problem(path, "must be an object");
    return field;
  }
  field.keyword = reader.text(f, "keyword", path, true).value_or("");
  if (!field.keyword.empty() && !std::regex_match(field.keyword, keywordRule))
    reader.problem(path + ".keyword", "'" + field.keyword + "' must match ^[A-Z][A-Z0-9_]*$ (an environment variable)");
  field.type = reader.text(f, "type", path, true).value_or("");
  if (!field.type.empty() && !isKnownFieldType(field.type))
    reader.problem(path + ".type", "unknown type '" + field.type +
                                       "' (string, password, email, url, integer, boolean, select, textarea, file, "
                                       "number, secret)");
  field.nameJson = reader.localized(f, "name", path, false);
  if (!field.nameJson && f.contains("title") && f["title"].is_string()) field.nameJson = f["title"].dump();
  field.descriptionJson = reader.localized(f, "description", path, false);
  field.hintJson = reader.localized(f, "hint", path, false);
  if (f.contains("default_value")) field.defaultValue = reader.scalarText(f["default_value"], path + ".default_value");
  else if (f.contains("default")) field.defaultValue = reader.scalarText(f["default"], path + ".default");
  if (f.contains("required") && !f["required"].is_null()) {
    if (f["required"].is_boolean()) field.required = f["required"].get<bool>();
    else reader.problem(path + ".required", "must be true or false");
  }
  field.optionsJson = options(reader, f, path);
  field.secret = isSecretField(field.type, field.keyword);
  field.extraJson = extraMembers(f, kFieldKeys);
  return field;
}

CredentialPrototype readPrototype(Reader& reader, const OrderedJson& doc) {
  static const std::regex uuidRule("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");
  static const std::regex codeRule("^[a-zA-Z0-9_-]{2,64}$");
  static const std::regex versionRule("^[0-9]+(\\.[0-9]+){0,2}$");
  CredentialPrototype p;
  if (!doc.is_object()) {
    reader.problem("$", "a credential prototype must be a JSON object");
    return p;
  }
  p.uuid = reader.text(doc, "uuid", "$", true).value_or("");
  if (!p.uuid.empty() && !std::regex_match(p.uuid, uuidRule))
    reader.problem("$.uuid", "'" + p.uuid + "' is not a canonical UUID");
  p.code = reader.text(doc, "code", "$", true).value_or("");
  if (!p.code.empty() && !std::regex_match(p.code, codeRule))
    reader.problem("$.code", "'" + p.code + "' must be 2-64 of A-Z a-z 0-9 _ -");
  if (auto name = reader.localized(doc, "name", "$", true)) {
    p.nameJson = *name;
    p.name = localizedDefault(*name);
    if (p.name.empty() || p.name.size() > 255) reader.problem("$.name", "must be 1-255 characters");
  }
  p.descriptionJson = reader.localized(doc, "description", "$", false);
  p.version = reader.text(doc, "version", "$", false);
  if (p.version && !std::regex_match(*p.version, versionRule))
    reader.problem("$.version", "'" + *p.version + "' is not a version like 1.0 or 1.2.3");
  p.logo = reader.text(doc, "logo", "$", false);
  p.url = reader.text(doc, "url", "$", false);
  p.homepage = reader.text(doc, "homepage", "$", false);
  if (doc.contains("tags") && !doc["tags"].is_null()) {
    const OrderedJson& tags = doc["tags"];
    bool ok = tags.is_array();
    for (std::size_t i = 0; ok && i < tags.size(); ++i) ok = tags[i].is_string();
    if (ok) p.tagsJson = tags.dump();
    else reader.problem("$.tags", "must be an array of strings");
  }
  const std::string schema = doc.value("$schema", "");
  p.format = schema.find("credential-type") != std::string::npos ? "credential-type" : "credential-prototype";
  if (doc.contains("fields") && !doc["fields"].is_null()) {
    if (!doc["fields"].is_array()) {
      reader.problem("$.fields", "must be an array");
    } else {
      std::set<std::string> seen;
      for (std::size_t i = 0; i < doc["fields"].size(); ++i) {
        const std::string path = "$.fields[" + std::to_string(i) + "]";
        PrototypeField field = readField(reader, doc["fields"][i], path);
        if (!field.keyword.empty() && !seen.insert(field.keyword).second)
          reader.problem(path + ".keyword", "'" + field.keyword + "' appears twice");
        p.fields.push_back(std::move(field));
      }
    }
  }
  OrderedJson extra = OrderedJson::object();
  for (const auto& [key, value] : doc.items())
    if (!kTopKeys.count(key)) extra[key] = value;
  if (!extra.empty()) p.extraJson = extra.dump();
  return p;
}

}  // namespace

std::vector<std::string> prototypeProblems(const OrderedJson& document) {
  Reader reader;
  readPrototype(reader, document);
  return reader.problems;
}

CredentialPrototype prototypeFromJson(const OrderedJson& document, const std::string& source) {
  Reader reader;
  CredentialPrototype prototype = readPrototype(reader, document);
  if (!reader.problems.empty()) {
    std::string message = source + ": not a credential prototype MultiFlexi can import:";
    for (const std::string& problem : reader.problems) message += "\n  " + problem;
    throw ManifestException(message);
  }
  return prototype;
}

OrderedJson prototypeToJson(const CredentialPrototype& p) {
  OrderedJson doc = OrderedJson::object();
  const OrderedJson extra = p.extraJson ? OrderedJson::parse(*p.extraJson) : OrderedJson::object();
  doc["$schema"] = kSchemaBase + p.format + ".json";
  doc["uuid"] = p.uuid;
  doc["code"] = p.code;
  doc["name"] = OrderedJson::parse(p.nameJson);
  if (p.descriptionJson) doc["description"] = OrderedJson::parse(*p.descriptionJson);
  if (p.version) doc["version"] = *p.version;
  if (p.logo) doc["logo"] = *p.logo;
  if (p.url) doc["url"] = *p.url;
  if (p.homepage) doc["homepage"] = *p.homepage;
  doc["tags"] = OrderedJson::parse(p.tagsJson);
  for (const auto& [key, value] : extra.items()) doc[key] = value;
  OrderedJson fields = OrderedJson::array();
  for (const PrototypeField& f : p.fields) {
    OrderedJson field = {{"keyword", f.keyword}, {"type", f.type}};
    if (f.nameJson) field["name"] = OrderedJson::parse(*f.nameJson);
    if (f.descriptionJson) field["description"] = OrderedJson::parse(*f.descriptionJson);
    if (f.hintJson) field["hint"] = OrderedJson::parse(*f.hintJson);
    if (f.defaultValue) field["default_value"] = *f.defaultValue;
    field["required"] = f.required;
    if (f.optionsJson) field["options"] = OrderedJson::parse(*f.optionsJson);
    if (f.extraJson) {
      const OrderedJson kept = OrderedJson::parse(*f.extraJson);
      for (const auto& [key, value] : kept.items()) field[key] = value;
    }
    fields.push_back(field);
  }
  doc["fields"] = fields;
  return doc;
}

}  // namespace MultiFlexi
