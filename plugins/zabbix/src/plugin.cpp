// Entry points of mfx_zabbix.so.
#include "ZabbixMonitor.h"

#ifndef MFX_ZABBIX_VERSION
#error "MFX_ZABBIX_VERSION must be defined by the build"
#endif

MFX_PLUGIN("org.multiflexi.zabbix", MFX_ZABBIX_VERSION, [](mfx::Registrar& registrar, const mfx::Host& host) {
  registrar.monitor("zabbix", "Zabbix (sender protocol)",
                    MFX_EV_BIT(MFX_EV_SCHEDULED) | MFX_EV_BIT(MFX_EV_STARTED) | MFX_EV_BIT(MFX_EV_FINISHED) |
                        MFX_EV_BIT(MFX_EV_FAILED_TO_START) | MFX_EV_BIT(MFX_EV_CANCELLED) | MFX_EV_BIT(MFX_EV_LOST),
                    std::make_unique<mfx::zabbix::ZabbixMonitor>(host, mfx::zabbix::ZabbixSettings::fromHost(host)));
})
