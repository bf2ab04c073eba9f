// Entry point of the `multiflexi` binary.
#include "app/MultiFlexiApp.h"
#include "app/commands/ApplicationCommands.h"
#include "app/commands/ArtifactCommands.h"
#include "app/commands/CompanyCommands.h"
#include "app/commands/CredentialCommands.h"
#include "app/commands/CredentialPrototypeCommands.h"
#include "app/commands/CredentialTypeCommands.h"
#include "app/commands/CronNextCommand.h"
#include "app/commands/DaemonCommands.h"
#include "app/commands/ExecutorRunCommand.h"
#include "app/commands/JobCommands.h"
#include "app/commands/PluginListCommand.h"
#include "app/commands/RunTemplateCommands.h"
#include "app/commands/RunTemplateCredentialCommands.h"
#include "app/commands/RunTemplateScheduleCommand.h"
#include "app/commands/SecurityCommands.h"
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
                      artifactCommands, securityCommands, daemonCommands})
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
