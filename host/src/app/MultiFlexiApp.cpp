#include "app/MultiFlexiApp.h"

#include "app/EnvFile.h"
#include "app/Settings.h"
#include "api/ErrorKinds.h"
#include "cli/ErrorText.h"
#include "common/Exceptions.h"
#include "common/TerminalText.h"
#include "http/RequestLog.h"
#include "store/StoreErrors.h"

#include <Poco/ConsoleChannel.h>
#include <Poco/Environment.h>
#include <Poco/FormattingChannel.h>
#include <Poco/PatternFormatter.h>
#include <Poco/StringTokenizer.h>
#include <Poco/Util/HelpFormatter.h>
#include <Poco/Util/Option.h>

#include <algorithm>
#include <filesystem>
#include <iostream>

#ifndef MFX_VERSION
#error "MFX_VERSION must be defined by the build"
#endif
#ifndef MFX_DEFAULT_ENV_FILE
#error "MFX_DEFAULT_ENV_FILE must be defined by the build"
#endif
#ifndef MFX_PLUGIN_DIR_FROM_BINDIR
#error "MFX_PLUGIN_DIR_FROM_BINDIR must be defined by the build"
#endif

namespace MultiFlexi {

using Poco::Util::Option;
using Poco::Util::OptionSet;

MultiFlexiApp::MultiFlexiApp() { setUnixOptions(true); }

void MultiFlexiApp::addCommand(std::unique_ptr<Command> command) {
  const std::string name = command->name();
  _commands.emplace(name, std::move(command));
}

Command* MultiFlexiApp::findCommand(const std::string& name) const {
  auto it = _commands.find(name);
  return it == _commands.end() ? nullptr : it->second.get();
}

void MultiFlexiApp::selectCommand(int argc, char** argv) {
  // The command is the first word that is neither an option nor the value
  // of a global option given as a separate word (-f json, --plugin-dir DIR).
  for (int i = 1; i < argc; ++i) {
    const std::string w = argv[i];
    if (w == "--") return;
    if (w == "-f" || w == "--format" || w == "--plugin-dir" || w == "--data-dir" || w == "-D" ||
        w == "--define" || w == "-e" || w == "--environment") {
      ++i;
      continue;
    }
    if (!w.empty() && w[0] != '-') {
      _command = findCommand(w);
      return;
    }
  }
}

void MultiFlexiApp::defineOptions(OptionSet& options) {
  Application::defineOptions(options);
  options.addOption(Option("help", "h", "Show help (for the command, when one is given).")
                        .required(false).repeatable(false));
  options.addOption(Option("version", "", "Print the version and exit.").required(false));
  options.addOption(Option("format", "f", "Output format: text (default) or json.")
                        .required(false).repeatable(false).argument("FORMAT"));
  options.addOption(Option("plugin-dir", "", "Load plugins from DIR instead of the default "
                                             "directories (repeatable).")
                        .required(false).repeatable(true).argument("DIR"));
  options.addOption(Option("data-dir", "", "Keep the database in DIR (default: MULTIFLEXI_DATA_DIR, "
                                           "./var in a build tree, else /var/lib/multiflexi).")
                        .required(false).repeatable(false).argument("DIR"));
  options.addOption(Option("define", "D", "Set a configuration property, e.g. "
                                          "-D plugins.org.multiflexi.native.kill_grace_ms=500.")
                        .required(false).repeatable(true).argument("KEY=VALUE"));
  options.addOption(Option("environment", "e", "Read settings from this env file (default: "
                                                 MFX_DEFAULT_ENV_FILE " when installed).")
                        .required(false).repeatable(false).argument("FILE"));
  options.addOption(Option("verbose", "v", "Log more (repeat for debug output).")
                        .required(false).repeatable(true));
  if (_command != nullptr) _command->defineOptions(options);
}

void MultiFlexiApp::handleOption(const std::string& name, const std::string& value) {
  Application::handleOption(name, value);
  if (name == "help") {
    _helpRequested = true;
    stopOptionsProcessing();
  } else if (name == "version") {
    _versionRequested = true;
  } else if (name == "format") {
    if (value == "text")
      _format = OutputFormat::Text;
    else if (value == "json")
      _format = OutputFormat::Json;
    else
      throw UsageException("--format: expected text or json, got '" + value + "'");
  } else if (name == "plugin-dir") {
    _pluginDirOptions.push_back(value);
  } else if (name == "data-dir") {
    config().setString("multiflexi.dataDir", value);
  } else if (name == "define") {
    const std::size_t eq = value.find('=');
    if (eq == std::string::npos || eq == 0)
      throw UsageException("--define: expected KEY=VALUE, got '" + value + "'");
    config().setString(value.substr(0, eq), value.substr(eq + 1));
  } else if (name == "environment") {
    _envFile = value;
  } else if (name == "verbose") {
    ++_verbosity;
  } else if (_command != nullptr) {
    _command->handleOption(name, value);
  }
}

void MultiFlexiApp::initialize(Application& self) {
  Application::initialize(self);
  setupLogging();
}

void MultiFlexiApp::setupLogging() {
  // Diagnostics go to stderr so that stdout stays the command's output.
  Poco::AutoPtr<Poco::PatternFormatter> pattern(new Poco::PatternFormatter("multiflexi: %p: %s: %t"));
  Poco::AutoPtr<Poco::FormattingChannel> channel(
      new Poco::FormattingChannel(pattern, new Poco::ConsoleChannel(std::cerr)));
  const int level = _verbosity >= 2   ? Poco::Message::PRIO_DEBUG
                    : _verbosity == 1 ? Poco::Message::PRIO_INFORMATION
                                      : Poco::Message::PRIO_WARNING;
  Poco::Logger::root().setChannel(channel);
  Poco::Logger::root().setLevel(level);
  Poco::Logger::setLevel("", level);  // loggers created before this point too
  // The access log shows each request by default; -v -v does not hide it.
  Poco::Logger::get(kAccessLogName).setLevel(std::max(level, static_cast<int>(Poco::Message::PRIO_INFORMATION)));
}

std::vector<std::string> MultiFlexiApp::pluginDirs() const {
  if (!_pluginDirOptions.empty()) return _pluginDirOptions;
  const std::string fromEnv = Poco::Environment::get("MULTIFLEXI_PLUGIN_DIRS", "");
  if (!fromEnv.empty()) {
    Poco::StringTokenizer dirs(fromEnv, ":", Poco::StringTokenizer::TOK_IGNORE_EMPTY |
                                                 Poco::StringTokenizer::TOK_TRIM);
    return std::vector<std::string>(dirs.begin(), dirs.end());
  }
  // Same relative layout in the build tree and when installed.
  const std::filesystem::path dir =
      std::filesystem::path(config().getString("application.dir")) / MFX_PLUGIN_DIR_FROM_BINDIR;
  return {std::filesystem::weakly_canonical(dir).string()};
}

void MultiFlexiApp::loadEnvFile() {
  std::string path = _envFile;
  if (path.empty()) {
    if (Settings(config()).inBuildTree() || !std::filesystem::exists(MFX_DEFAULT_ENV_FILE)) return;
    path = MFX_DEFAULT_ENV_FILE;
  }
  for (const auto& [key, value] : readEnvFile(path)) config().setString(Settings::kEnvFilePrefix + key, value);
}

void MultiFlexiApp::printHelp(const Command* command) const {
  if (command == nullptr) {
    std::cout << "usage: multiflexi COMMAND [options] [arguments]\n\n"
              << "Commands:\n";
    std::size_t width = 0;
    for (const auto& [name, cmd] : _commands) width = std::max(width, name.size());
    for (const auto& [name, cmd] : _commands)
      std::cout << "  " << name << std::string(width - name.size() + 2, ' ') << cmd->summary() << '\n';
    std::cout << "\nRun 'multiflexi COMMAND --help' for a command's options.\n";
    return;
  }
  Poco::Util::HelpFormatter help(options());
  help.setUnixStyle(true);
  help.setCommand("multiflexi " + command->name());
  help.setUsage("[options] " + command->positionalUsage());
  help.setHeader(command->summary());
  help.format(std::cout);
}

int MultiFlexiApp::main(const std::vector<std::string>& args) {
  try {
    return dispatch(args);
  } catch (const std::exception& e) {
    const ErrorKind& kind = errorKindOf(e);
    if (!kind.internal) {
      std::cerr << "multiflexi: " << escapeControls(errorText(e), true) << '\n';
    } else {
      const auto* poco = dynamic_cast<const Poco::Exception*>(&e);
      std::cerr << "multiflexi: internal error: " << escapeControls(poco ? poco->displayText() : e.what(), true)
                << '\n';
    }
    return kind.exitCode;
  }
}

int MultiFlexiApp::dispatch(const std::vector<std::string>& args) {
  if (_versionRequested) {
    std::cout << "multiflexi " << MFX_VERSION << " (plugin ABI " << MFX_ABI_MAJOR << "."
              << MFX_ABI_MINOR << ")\n";
    return ExitOk;
  }
  if (_helpRequested || args.empty()) {
    printHelp(_command);
    return args.empty() && !_helpRequested ? ExitUsage : ExitOk;
  }
  if (_command == nullptr || args.front() != _command->name())
    throw UsageException("unknown command '" + args.front() + "' (see 'multiflexi --help')");
  loadEnvFile();
  CommandContext context(config(), _format, pluginDirs(), std::cout);
  if (_command->onlyReads()) context.refuseToCreateStore();
  const std::vector<std::string> positional(args.begin() + 1, args.end());
  try {
    return _command->run(context, positional);
  } catch (const MultiFlexiException&) {
    throw;
  } catch (const Poco::Exception& e) {
    // A full disk or a read-only database is the operator's to fix: exit 1.
    throwIfStoreUnavailable(e, context.settings().databasePath());
    throw;
  }
}

}  // namespace MultiFlexi
