#include "ContainerRequest.h"

#include <nlohmann/json.hpp>

namespace mfx::container {

namespace {

std::string stringMember(std::string_view json, const char* member, const char* what) {
  if (json.empty()) return {};
  const nlohmann::json doc = nlohmann::json::parse(json.begin(), json.end(), nullptr, false);
  if (!doc.is_object()) throw Invalid(std::string(what) + " is not a JSON object");
  const auto it = doc.find(member);
  if (it == doc.end() || it->is_null()) return {};
  if (!it->is_string()) throw Invalid(std::string(what) + ": \"" + member + "\" must be a string");
  return it->get<std::string>();
}

}  // namespace

std::string imageOfOptions(std::string_view optionsJson) {
  return stringMember(optionsJson, "image", "the executor options");
}

std::string imageOfApplication(std::string_view appJson) {
  return stringMember(appJson, "ociimage", "the application manifest");
}

void checkImageReference(const std::string& image) {
  if (image.empty()) throw Invalid("no container image: set the application's ociimage or the run template's image");
  if (image[0] == '-') throw Invalid("image '" + image + "': must not start with '-'");
  for (const unsigned char c : image)
    if (c <= ' ' || c == 0x7f) throw Invalid("image '" + image + "': contains whitespace or a control character");
}

ContainerRequest ContainerRequest::fromSpec(const JobSpec& spec) {
  ContainerRequest r;
  r.jobId = spec.scope().jobId;
  r.name = "multiflexi-job-" + std::to_string(r.jobId);
  r.image = imageOfOptions(spec.optionsJson());
  checkImageReference(r.image);
  for (const auto arg : spec.argv()) r.argv.emplace_back(arg);
  if (r.argv.empty()) throw Invalid("the job has no command");
  for (std::size_t i = 0; i < spec.envCount(); ++i) {
    const EnvVar var = spec.env(i);
    if (var.inherited) continue;  // the host's PATH/HOME mean nothing inside the image
    r.env.push_back(ContainerVariable{std::string(var.key), std::string(var.value), var.secret});
  }
  r.workingDir = std::string(spec.workingDir());
  r.labels[kJobLabel] = std::to_string(r.jobId);
  r.labels["org.multiflexi.company"] = std::to_string(spec.scope().companyId);
  return r;
}

}  // namespace mfx::container
