#include "domain/Application.h"

#include "domain/CredentialPrototype.h"

#include <tuple>

namespace MultiFlexi {

bool EnvField::isSecret() const {
  if (secret.value_or(false) || type.value_or("") == "password") return true;
  return !secret.has_value() && isSecretField(type.value_or(""), key);
}

namespace {
auto contentOf(const Application& a) {
  return std::tie(a.uuid, a.name, a.nameJson, a.titleJson, a.descriptionJson, a.version,
                  a.executable, a.cmdparams, a.cmdparamsTemplate, a.setup, a.deploy, a.ociimage,
                  a.homepage, a.image, a.author, a.license, a.category, a.schemaVersion,
                  a.schemaUrl, a.requirements, a.tags, a.kubernetesJson, a.eventsJson,
                  a.extraJson, a.environment, a.artifacts, a.exitCodes, a.produces, a.consumes);
}
}  // namespace

bool Application::sameContent(const Application& other) const {
  return contentOf(*this) == contentOf(other);
}

}  // namespace MultiFlexi
