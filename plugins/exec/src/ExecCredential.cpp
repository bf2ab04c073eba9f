#include "ExecCredential.h"

#include "EnvLines.h"
#include "HelperProcess.h"
#include "Settings.h"

#include <nlohmann/json.hpp>

namespace mfx::exec {

const char* const kSchema = R"json({"fields":[
  {"name":"COMMAND","type":"string","required":true,"label":"Helper command, run with /bin/sh -c"},
  {"name":"TIMEOUT","type":"integer","required":false,"default":"10","label":"Seconds before the helper is killed (1-600)"},
  {"name":"FORMAT","type":"string","required":false,"default":"auto","label":"Helper output: env (KEY=VALUE lines), json (an object) or auto"},
  {"name":"SECRETS","type":"string","required":false,"default":"all","label":"Which variables are secret: all, auto, none, or NAME,NAME"},
  {"name":"INPUT","type":"secret","required":false,"label":"Written to the helper's stdin (a client secret, a token id ...)"}]})json";

namespace {

constexpr std::size_t kMaxOutput = 1 << 20;

struct Config {
  std::string command;
  int timeoutSeconds = 10;
  std::string format = "auto";
  std::string secrets = "all";
  std::string input;
};

Config readConfig(std::string_view json) {
  const support::Settings s(json);
  Config c;
  c.command = s.required("COMMAND");
  if (auto t = s.get("TIMEOUT")) {
    try {
      std::size_t used = 0;
      c.timeoutSeconds = std::stoi(*t, &used);
      if (used != t->size()) throw std::invalid_argument("trailing characters");
    } catch (const std::exception&) {
      c.timeoutSeconds = -1;
    }
    if (c.timeoutSeconds < 1 || c.timeoutSeconds > 600)
      throw Invalid(nlohmann::json{{"TIMEOUT", "expected whole seconds from 1 to 600"}}.dump());
  }
  c.format = s.get("FORMAT").value_or("auto");
  if (c.format != "auto" && c.format != "env" && c.format != "json")
    throw Invalid(nlohmann::json{{"FORMAT", "expected auto, env or json"}}.dump());
  c.secrets = s.get("SECRETS").value_or("all");
  c.input = s.get("INPUT").value_or("");
  return c;
}

std::vector<std::pair<std::string, std::string>> parseOutput(const std::string& out, const std::string& format) {
  const std::size_t first = out.find_first_not_of(" \t\r\n");
  const bool json = format == "json" || (format == "auto" && first != std::string::npos && out[first] == '{');
  if (!json) {
    try {
      return envlines::parse(out);
    } catch (const envlines::SyntaxError& e) {
      throw Invalid(e.what());
    }
  }
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(out);
  } catch (const std::exception&) {
    throw Invalid("the helper's output is not valid JSON");
  }
  if (!doc.is_object()) throw Invalid("the helper's JSON output must be an object");
  std::vector<std::pair<std::string, std::string>> vars;
  for (const auto& [k, v] : doc.items()) {
    if (v.is_string()) vars.emplace_back(k, v.get<std::string>());
    else if (v.is_number() || v.is_boolean()) vars.emplace_back(k, v.dump());
    else throw Invalid("the helper's JSON value of " + k + " is not a string, number or boolean");
  }
  return vars;
}

}  // namespace

void ExecCredential::validate(std::string_view configJson) { readConfig(configJson); }

void ExecCredential::resolve(const Scope& scope, std::string_view configJson, Env& env) {
  const Config c = readConfig(configJson);
  const HelperResult r = runHelper(c.command,
                                   {{"PATH", "/usr/local/bin:/usr/bin:/bin"},
                                    {"MULTIFLEXI_COMPANY_ID", std::to_string(scope.companyId)},
                                    {"MULTIFLEXI_JOB_ID", std::to_string(scope.jobId)}},
                                   c.input, std::chrono::seconds(c.timeoutSeconds), kMaxOutput);
  if (r.timedOut) throw Unavailable("the helper did not finish within " + std::to_string(c.timeoutSeconds) + " s and was killed");
  if (r.outputTooLarge) throw Invalid("the helper wrote more than 1 MiB; it was killed");
  if (r.signal != 0) throw Unavailable("the helper was killed by signal " + std::to_string(r.signal));
  if (r.exitCode != 0) {
    std::string tail = r.errTail;
    while (!tail.empty() && (tail.back() == '\n' || tail.back() == '\r')) tail.pop_back();
    const std::size_t lastLine = tail.rfind('\n');
    if (lastLine != std::string::npos) tail.erase(0, lastLine + 1);
    throw Unavailable("the helper exited with " + std::to_string(r.exitCode) + (tail.empty() ? "" : ": " + tail));
  }
  std::vector<std::pair<std::string, std::string>> vars;
  try {
    vars = parseOutput(r.out, c.format);
  } catch (const Invalid& e) {
    throw Invalid(std::string("helper output, ") + e.what());
  }
  if (vars.empty()) throw Invalid("the helper printed no variables");
  const support::SecretRule secrets(c.secrets);
  for (const auto& [name, value] : vars) env.emit(name, value, secrets.isSecret(name));
}

}  // namespace mfx::exec
