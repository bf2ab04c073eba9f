#include "EnvFileCredential.h"

#include "EnvLines.h"
#include "Settings.h"

#include <nlohmann/json.hpp>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace mfx::envfile {

const char* const kSchema = R"json({"fields":[
  {"name":"ENV_FILE_PATH","type":"string","required":true,"label":"Absolute path of the .env file read at every job start"},
  {"name":"SECRETS","type":"string","required":false,"default":"auto",
   "label":"Which variables are secret: auto (names that say so), all, none, or NAME,NAME"}]})json";

namespace {
std::string pathOf(const support::Settings& settings) {
  const std::string path = settings.required("ENV_FILE_PATH");
  if (path.front() != '/') throw Invalid(nlohmann::json{{"ENV_FILE_PATH", "must be an absolute path"}}.dump());
  return path;
}
}  // namespace

void EnvFileCredential::validate(std::string_view configJson) { pathOf(support::Settings(configJson)); }

void EnvFileCredential::resolve(const Scope&, std::string_view configJson, Env& env) {
  const support::Settings settings(configJson);
  const std::string path = pathOf(settings);
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Unavailable("cannot read the env file " + path + ": " + std::strerror(errno));
  std::ostringstream text;
  text << in.rdbuf();
  std::vector<std::pair<std::string, std::string>> vars;
  try {
    vars = envlines::parse(text.str());
  } catch (const envlines::SyntaxError& e) {
    throw Invalid("env file " + path + ", " + e.what());
  }
  const support::SecretRule secrets(settings.get("SECRETS").value_or("auto"));
  for (const auto& [name, value] : vars) env.emit(name, value, secrets.isSecret(name));
}

}  // namespace mfx::envfile
