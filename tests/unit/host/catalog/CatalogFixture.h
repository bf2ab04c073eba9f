// A catalog over a real SQLite store in a private directory, with the real
// plugins and MultiFlexi's schema, recording which daemons it would wake.
#pragma once

#include "TempDir.h"
#include "Thrown.h"
#include "catalog/Catalog.h"
#include "common/Exceptions.h"
#include "manifest/ManifestValidator.h"
#include "plugin/PluginRegistry.h"
#include "store/Database.h"

#include <Poco/Util/MapConfiguration.h>

#include <boost/test/unit_test.hpp>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace MultiFlexi::Testing {

struct CatalogFixture {
  TempDir dir;
  Poco::AutoPtr<Poco::Util::MapConfiguration> config{new Poco::Util::MapConfiguration};
  std::unique_ptr<PluginRegistry> plugins;
  std::unique_ptr<ManifestValidator> validator;
  std::vector<Change> woken;
  std::unique_ptr<Catalog> catalog;
  /// The users catalog's clock: real time unless a test sets it.
  std::optional<Instant> clockNow;

  CatalogFixture() {
    CatalogHost host;
    host.users.cost = PasswordHashCost::minimum();  // fast hashes for tests
    host.users.clock = [this]() { return clockNow ? *clockNow : nowMs(); };
    host.plugins = [this]() -> PluginRegistry& {
      if (!plugins) {
        plugins = std::make_unique<PluginRegistry>(*config);
        plugins->loadDirectory(MFX_PLUGIN_DIR);
      }
      return *plugins;
    };
    host.manifestValidator = [this]() -> const ManifestValidator& {
      if (!validator) validator = std::make_unique<ManifestValidator>(MFX_APP_SCHEMA);
      return *validator;
    };
    host.notify = [this](Change change) { woken.push_back(change); };
    catalog = Catalog::open(dir.file("multiflexi.db"), dir.file("multiflexi.key"), true, std::move(host));
  }
};

}  // namespace MultiFlexi::Testing
