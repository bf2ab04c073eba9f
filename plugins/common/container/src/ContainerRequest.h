// What one job asks of a container engine, read from the host's job spec:
// the image (options_json "image"), the command, the job's environment
// without the host's inherited variables, and the working directory, which
// is mounted at the same path so MULTIFLEXI_TMP and RESULT_FILE stay valid.
#pragma once

#include <multiflexi/mfx_plugin.hpp>

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace mfx::container {

struct ContainerVariable {
  std::string name;
  std::string value;
  bool secret = false;
};

struct ContainerRequest {
  int64_t jobId = 0;
  std::string name;   ///< multiflexi-job-<job id>
  std::string image;
  std::vector<std::string> argv;
  std::vector<ContainerVariable> env;
  std::string workingDir;  ///< host path, mounted at the same path; may be empty
  std::map<std::string, std::string> labels;

  /// Builds the request. Throws mfx::Invalid when the options name no image
  /// or the image reference is malformed.
  static ContainerRequest fromSpec(const JobSpec& spec);
};

/// The label every job container carries, with the job id as value.
inline constexpr const char* kJobLabel = "org.multiflexi.job";

/// The image in an executor's options_json ({"image": "..."}); empty when
/// there is none. Throws mfx::Invalid when the options are not a JSON object.
std::string imageOfOptions(std::string_view optionsJson);
/// The manifest's "ociimage"; empty when absent. Throws mfx::Invalid when the
/// manifest is not a JSON object.
std::string imageOfApplication(std::string_view appJson);
/// Throws mfx::Invalid naming the reason when `image` is not a usable image
/// reference (empty, whitespace, control characters, a leading '-').
void checkImageReference(const std::string& image);

}  // namespace mfx::container
