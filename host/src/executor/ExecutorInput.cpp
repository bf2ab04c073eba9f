#include "executor/ExecutorInput.h"

#include "manifest/ManifestCodec.h"

namespace MultiFlexi {

namespace {

std::optional<std::string> imageOf(const Application& app, const RunTemplate& runTemplate) {
  if (runTemplate.ociimage && !runTemplate.ociimage->empty()) return runTemplate.ociimage;
  if (app.ociimage && !app.ociimage->empty()) return app.ociimage;
  return std::nullopt;
}

}  // namespace

OrderedJson manifestForTemplate(const Application& app, const RunTemplate& runTemplate) {
  OrderedJson manifest = manifestFromApplication(app);
  if (auto image = imageOf(app, runTemplate)) manifest["ociimage"] = *image;
  return manifest;
}

std::string executorOptionsJson(const Application& app, const RunTemplate& runTemplate) {
  const auto image = imageOf(app, runTemplate);
  if (!image) return "";
  OrderedJson options = OrderedJson::object();
  options["image"] = *image;
  return options.dump();
}

}  // namespace MultiFlexi
