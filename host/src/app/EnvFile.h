// MultiFlexi's env file (/etc/multiflexi/multiflexi.env): KEY=VALUE lines
// as systemd's EnvironmentFile and PHP dotenv read them.
#pragma once

#include <map>
#include <string>

namespace MultiFlexi {

/// Reads `path`: blank lines and lines starting with # are skipped, an
/// optional "export " prefix is dropped, a value may be in single quotes
/// (taken as written) or double quotes (\" \\ \n \t escapes). Throws
/// ConfigurationException naming the file and line for anything else, or
/// when the file cannot be read.
std::map<std::string, std::string> readEnvFile(const std::string& path);

}  // namespace MultiFlexi
