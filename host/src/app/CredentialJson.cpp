#include "app/CredentialJson.h"

#include "executor/SecretMasker.h"
#include "manifest/ManifestCodec.h"

namespace MultiFlexi {

namespace {

OrderedJson opt(const std::optional<std::string>& v) { return v ? OrderedJson(*v) : OrderedJson(); }

OrderedJson values(const std::map<std::string, std::string>& values, const std::set<std::string>& secret,
                   bool reveal) {
  OrderedJson out = OrderedJson::object();
  for (const auto& [k, v] : values) out[k] = secret.count(k) && !reveal ? SecretMasker::kMask : v;
  return out;
}

}  // namespace

OrderedJson prototypeSummaryJson(const CredentialPrototype& p) {
  OrderedJson j;
  j["id"] = p.id;
  j["uuid"] = p.uuid;
  j["code"] = p.code;
  j["name"] = p.name;
  j["version"] = opt(p.version);
  j["format"] = p.format;
  j["fields"] = OrderedJson::array();
  for (const PrototypeField& f : p.fields)
    j["fields"].push_back({{"keyword", f.keyword},
                           {"type", f.type},
                           {"name", f.nameJson ? localizedDefault(*f.nameJson) : ""},
                           {"required", f.required},
                           {"secret", f.secret},
                           {"default", opt(f.defaultValue)}});
  j["created_at"] = formatInstant(p.createdAt);
  j["updated_at"] = formatInstant(p.updatedAt);
  return j;
}

OrderedJson credentialTypeJson(const CredentialType& t) {
  OrderedJson j;
  j["id"] = t.id;
  j["company_id"] = t.companyId;
  j["name"] = t.name;
  j["prototype_id"] = t.prototypeId ? OrderedJson(*t.prototypeId) : OrderedJson();
  j["plugin"] = opt(t.pluginType);
  j["provides"] = t.provides;
  j["settings"] = values(t.settings, t.secretSettings, false);
  j["created_at"] = formatInstant(t.createdAt);
  j["updated_at"] = formatInstant(t.updatedAt);
  return j;
}

OrderedJson credentialJson(const Credential& c, bool reveal) {
  OrderedJson j;
  j["id"] = c.id;
  j["company_id"] = c.companyId;
  j["credential_type_id"] = c.typeId;
  j["name"] = c.name;
  j["values"] = values(c.values, c.secretKeys, reveal);
  j["secret_fields"] = c.secretKeys;
  j["created_at"] = formatInstant(c.createdAt);
  j["updated_at"] = formatInstant(c.updatedAt);
  return j;
}

}  // namespace MultiFlexi
