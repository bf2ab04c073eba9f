// MultiFlexi's env file (/etc/multiflexi/multiflexi.env): KEY=VALUE lines
// as systemd's EnvironmentFile and PHP dotenv read them.
#pragma once

#include <map>
#include <string>

namespace MultiFlexi {

/// Reads `path` (the format of common/envlines; a later line of the same
/// name wins). Throws ConfigurationException naming the file and line for a
/// line it cannot read, or when the file cannot be read.
std::map<std::string, std::string> readEnvFile(const std::string& path);

}  // namespace MultiFlexi
