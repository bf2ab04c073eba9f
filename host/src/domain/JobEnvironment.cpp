#include "domain/JobEnvironment.h"

#include "common/Json.h"
#include "domain/CredentialPrototype.h"

namespace MultiFlexi {

void JobEnvironment::set(const std::string& key, const std::string& value, bool secret, const char* source) {
  EnvValue& v = _values[key];
  // A value stays secret once any layer said so: a later layer overriding a
  // password must not make it printable.
  v.secret = v.secret || secret;
  v.value = value;
  v.source = source;
}

void JobEnvironment::addApplicationDefault(const std::string& k, const std::string& v, bool secret) {
  set(k, v, secret, "application");
}
void JobEnvironment::addTemplateConfig(const std::string& k, const std::string& v, bool secret) {
  set(k, v, secret, "runtemplate");
}
void JobEnvironment::addCredential(const std::string& k, const std::string& v, bool secret) {
  set(k, v, secret, "credential");
}
void JobEnvironment::addCompany(const std::string& k, const std::string& v) {
  set(k, v, isSecretField("", k), "company");
}
void JobEnvironment::addInjected(const std::string& k, const std::string& v) { set(k, v, false, "multiflexi"); }
void JobEnvironment::addOverride(const std::string& k, const std::string& v, bool secret) {
  set(k, v, secret || isSecretField("", k), "override");
}

void JobEnvironment::addAllowList(const std::map<std::string, std::string>& daemon) {
  for (const char* key : {"PATH", "LANG", "TZ", "HOME"}) {
    auto it = daemon.find(key);
    if (it != daemon.end() && !_values.count(key)) set(key, it->second, false, "daemon");
  }
}

std::string JobEnvironment::expand(const std::string& text) const {
  std::string out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t open = text.find('{', pos);
    if (open == std::string::npos) break;
    const std::size_t close = text.find('}', open + 1);
    if (close == std::string::npos) break;
    const std::string name = text.substr(open + 1, close - open - 1);
    auto it = _values.find(name);
    out.append(text, pos, open - pos);
    if (it == _values.end()) {
      out.append(text, open, close - open + 1);  // unknown: kept literally
    } else {
      out += it->second.value;
    }
    pos = close + 1;
  }
  out.append(text, pos, std::string::npos);
  return out;
}

void JobEnvironment::expandMacros() {
  const JobEnvironment original = *this;  // one pass: values see the unexpanded others
  for (auto& [key, v] : _values) v.value = original.expand(v.value);
}

std::optional<std::string> JobEnvironment::valueOf(const std::string& name) const {
  const auto it = _values.find(name);
  if (it == _values.end()) return std::nullopt;
  return it->second.value;
}

std::vector<std::string> JobEnvironment::secretValues() const {
  std::vector<std::string> out;
  for (const auto& [key, v] : _values)
    if (v.secret && !v.value.empty()) out.push_back(v.value);
  return out;
}

std::optional<std::string> defaultValueText(const EnvField& field) {
  if (!field.defvalJson) return std::nullopt;
  const OrderedJson value = OrderedJson::parse(*field.defvalJson);
  if (value.is_null()) return std::nullopt;
  const bool isBool = field.type.value_or("") == "bool";
  if (value.is_boolean()) return std::string(value.get<bool>() ? "1" : "0");
  if (value.is_string()) {
    const std::string text = value.get<std::string>();
    if (isBool) return std::string(text == "true" || text == "1" ? "1" : "0");
    return text;
  }
  return value.dump();
}

JobEnvironment jobEnvironment(const Application& app, const Company& company, const RunTemplate& t,
                              const JobFacts& facts, const std::map<std::string, std::string>& daemonEnvironment) {
  JobEnvironment env;
  std::map<std::string, bool> secretKeys;
  for (const EnvField& field : app.environment) {
    secretKeys[field.key] = field.isSecret();
    if (auto value = defaultValueText(field)) env.addApplicationDefault(field.key, *value, field.isSecret());
  }
  for (const auto& [key, value] : t.config) env.addTemplateConfig(key, value, secretKeys[key] || t.secretConfig.count(key));
  for (const CredentialVariable& v : facts.credentials) env.addCredential(v.name, v.value, v.secret);
  for (const auto& [key, value] : company.environment) env.addCompany(key, value);
  env.addInjected("MULTIFLEXI_JOB_ID", std::to_string(facts.jobId));
  env.addInjected("MULTIFLEXI_APPLICATION_ID", std::to_string(app.id));
  env.addInjected("MULTIFLEXI_APPLICATION_NAME", app.name);
  env.addInjected("MULTIFLEXI_APPLICATION_UUID", app.uuid.value_or(""));
  env.addInjected("MULTIFLEXI_COMPANY_ID", std::to_string(company.id));
  env.addInjected("MULTIFLEXI_COMPANY_CODE", company.slug);  // MultiFlexi reads a removed column here
  env.addInjected("MULTIFLEXI_COMPANY_NAME", company.name);
  env.addInjected("MULTIFLEXI_RUNTEMPLATE_ID", std::to_string(t.id));
  env.addInjected("MULTIFLEXI_RUNTEMPLATE_NAME", t.name);
  env.addInjected("MULTIFLEXI_EXECUTOR", facts.executor);
  env.addInjected("MULTIFLEXI_VERSION", facts.version);
  env.addInjected("MULTIFLEXI_TMP", facts.workingDir);
  for (const auto& [key, value] : facts.overrides) env.addOverride(key, value, secretKeys[key]);
  // W3C trace context, after the overrides: it must name the trace monitors see.
  if (!facts.traceparent.empty()) env.addInjected("TRACEPARENT", facts.traceparent);
  env.addAllowList(daemonEnvironment);
  env.expandMacros();
  return env;
}

}  // namespace MultiFlexi
