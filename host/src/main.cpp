// Entry point of the `multiflexi` binary.
#include "app/MultiFlexiApp.h"
#include "cli/commands/ApplicationCommands.h"
#include "cli/commands/ArtifactCommands.h"
#include "cli/commands/CompanyCommands.h"
#include "cli/commands/CredentialCommands.h"
#include "cli/commands/CredentialPrototypeCommands.h"
#include "cli/commands/CredentialTypeCommands.h"
#include "cli/commands/CronNextCommand.h"
#include "cli/commands/DaemonCommands.h"
#include "cli/commands/ExecutorRunCommand.h"
#include "cli/commands/JobCommands.h"
#include "cli/commands/PluginListCommand.h"
#include "cli/commands/RunTemplateCommands.h"
#include "cli/commands/RunTemplateCredentialCommands.h"
#include "cli/commands/RunTemplateScheduleCommand.h"
#include "cli/commands/SecurityCommands.h"
#include "cli/commands/UserCommands.h"
#include "common/Exceptions.h"

#include <Poco/AutoPtr.h>
#include <Poco/Util/OptionException.h>

#include <iostream>

#include <sys/stat.h>

int main(int argc, char** argv) {
  using namespace MultiFlexi;
  // Everything the host creates — data directory, database and its WAL,
  // key file, job directories — is its own alone (0700/0600).
  ::umask(077);
  Poco::AutoPtr<MultiFlexiApp> app(new MultiFlexiApp);
  app->addCommand(std::make_unique<PluginListCommand>());
  app->addCommand(std::make_unique<ExecutorRunCommand>());
  app->addCommand(std::make_unique<CronNextCommand>());
  app->addCommand(std::make_unique<RunTemplateScheduleCommand>());
  for (auto* group : {applicationCommands, companyCommands, runTemplateCommands, runTemplateCredentialCommands,
                      credentialPrototypeCommands, credentialTypeCommands, credentialCommands, jobCommands,
                      artifactCommands, securityCommands, daemonCommands, userCommands})
    for (auto& command : group()) app->addCommand(std::move(command));
  app->selectCommand(argc, argv);
  try {
    app->init(argc, argv);
  } catch (const Poco::Util::OptionException& e) {
    std::cerr << "multiflexi: " << e.displayText() << " (see 'multiflexi --help')\n";
    return MultiFlexiApp::ExitUsage;
  } catch (const UsageException& e) {
    std::cerr << "multiflexi: " << e.message() << '\n';
    return MultiFlexiApp::ExitUsage;
  } catch (const Poco::Exception& e) {
    std::cerr << "multiflexi: " << e.displayText() << '\n';
    return MultiFlexiApp::ExitUsage;
  }
  return app->run();
}
