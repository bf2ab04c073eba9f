#include "plugin/ExecutorInput.h"

#include "manifest/ManifestCodec.h"

namespace MultiFlexi {

namespace {

std::optional<std::string> imageOf(const Application& app, const std::optional<std::string>& templateImage) {
  if (templateImage && !templateImage->empty()) return templateImage;
  if (app.ociimage && !app.ociimage->empty()) return app.ociimage;
  return std::nullopt;
}

}  // namespace

OrderedJson manifestForTemplate(const Application& app, const std::optional<std::string>& templateImage) {
  OrderedJson manifest = manifestFromApplication(app);
  if (auto image = imageOf(app, templateImage)) manifest["ociimage"] = *image;
  return manifest;
}

std::string executorOptionsJson(const Application& app, const std::optional<std::string>& templateImage) {
  const auto image = imageOf(app, templateImage);
  if (!image) return "";
  OrderedJson options = OrderedJson::object();
  options["image"] = *image;
  return options.dump();
}

}  // namespace MultiFlexi
