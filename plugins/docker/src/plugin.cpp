// Entry points of mfx_docker.so.
#include "ContainerExecutor.h"
#include "DockerEngine.h"

#ifndef MFX_DOCKER_VERSION
#error "MFX_DOCKER_VERSION must be defined by the build"
#endif

MFX_PLUGIN("org.multiflexi.docker", MFX_DOCKER_VERSION, [](mfx::Registrar& registrar, const mfx::Host& host) {
  const mfx::docker::DockerSettings settings = mfx::docker::DockerSettings::fromHost(host);
  registrar.executor("docker", "Docker",
                     "Runs each job in a fresh container of the application's OCI image through the Docker Engine API",
                     std::make_unique<mfx::container::ContainerExecutor>(
                         host, std::make_unique<mfx::docker::DockerEngine>(settings), settings.container));
})
