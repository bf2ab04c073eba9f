#include "app/EnvFile.h"

#include "common/Exceptions.h"

#include <EnvLines.h>

#include <fstream>
#include <sstream>

namespace MultiFlexi {

std::map<std::string, std::string> readEnvFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ConfigurationException("env file " + path + ": cannot be read");
  std::ostringstream text;
  text << in.rdbuf();
  std::map<std::string, std::string> values;
  try {
    for (auto& [key, value] : mfx::envlines::parse(text.str())) values[key] = std::move(value);
  } catch (const mfx::envlines::SyntaxError& e) {
    throw ConfigurationException("env file " + path + " " + e.what());
  }
  return values;
}

}  // namespace MultiFlexi
