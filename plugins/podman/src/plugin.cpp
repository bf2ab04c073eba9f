// Entry points of mfx_podman.so.
#include "ContainerExecutor.h"
#include "PodmanEngine.h"

#ifndef MFX_PODMAN_VERSION
#error "MFX_PODMAN_VERSION must be defined by the build"
#endif

MFX_PLUGIN("org.multiflexi.podman", MFX_PODMAN_VERSION, [](mfx::Registrar& registrar, const mfx::Host& host) {
  mfx::podman::PodmanSettings settings = mfx::podman::PodmanSettings::fromHost(host);
  mfx::container::ContainerSettings common = settings.container;
  registrar.executor("podman", "Podman",
                     "Runs each job in a fresh container of the application's OCI image with the podman CLI",
                     std::make_unique<mfx::container::ContainerExecutor>(
                         host, std::make_unique<mfx::podman::PodmanEngine>(std::move(settings)), std::move(common)));
})
