#include "cli/commands/SecurityCommands.h"

#include "cli/CommandContext.h"
#include "api/EntityJson.h"
#include "cli/Output.h"
#include "cli/TextTable.h"
#include "common/Exceptions.h"
#include "catalog/CompanyCatalog.h"
#include "catalog/SecurityCatalog.h"

#include <ostream>

namespace MultiFlexi {

namespace {

class StatusCommand : public Command {
 public:
  std::string name() const override { return "encryption:status"; }
  std::string summary() const override { return "Show the key file, data key versions and what each seals"; }
  int run(CommandContext& context, const std::vector<std::string>& args) override {
    requireNoArguments(args);
    const KeyStatus status = context.catalog().security().keyStatus();  // refuses a missing or wrong key file
    const auto& versions = status.versions;
    const auto& counts = status.sealed;
    bool rotating = false;
    OrderedJson j;
    j["algorithm"] = "XChaCha20-Poly1305 (libsodium), data keys sealed with the master key";
    j["key_file"] = status.keyFile;
    j["versions"] = OrderedJson::array();
    for (const KeyVersionInfo& v : versions) {
      OrderedJson version = {{"version", v.version}, {"state", v.state}, {"created_at", formatInstant(v.createdAt)}};
      version["retired_at"] = v.retiredAt ? OrderedJson(formatInstant(*v.retiredAt)) : OrderedJson();
      OrderedJson sealed = OrderedJson::object();
      for (const auto& [kind, byVersion] : counts) {
        auto it = byVersion.find(v.version);
        if (it != byVersion.end()) sealed[kind] = it->second;
      }
      version["sealed"] = sealed;
      j["versions"].push_back(version);
      rotating = rotating || v.state == "previous";
    }
    j["rotation_in_progress"] = rotating;
    if (context.json()) {
      printJson(context.out(), j);
      return 0;
    }
    context.out() << "key file: " << j["key_file"].get<std::string>() << '\n'
                  << "rotation in progress: " << (rotating ? "yes (run encryption:rotate to finish it)" : "no")
                  << "\n\n";
    TextTable table({"VERSION", "STATE", "CREATED", "SEALED VALUES"});
    for (const auto& v : j["versions"]) {
      std::string sealed;
      for (const auto& [kind, n] : v["sealed"].items())
        sealed += (sealed.empty() ? "" : ", ") + kind + " " + std::to_string(n.get<int64_t>());
      table.addRow({std::to_string(v["version"].get<int>()), v["state"], v["created_at"], sealed});
    }
    table.print(context.out());
    return 0;
  }
};

class RotateCommand : public Command {
 public:
  std::string name() const override { return "encryption:rotate"; }
  std::string summary() const override {
    return "New data key; re-seal every secret with it; destroy the old (resumable)";
  }
  void defineOptions(Poco::Util::OptionSet& options) override {
    addOption(options, "batch-size", "N", "Values re-sealed per transaction (default 200).");
  }
  int run(CommandContext& context, const std::vector<std::string>& args) override {
    requireNoArguments(args);
    const int64_t batch = integer("batch-size").value_or(200);
    if (batch < 1) throw UsageException("--batch-size: expected at least 1");
    const RotationReport report = context.catalog().security().rotateKeys(
        static_cast<std::size_t>(batch), [&](const std::string& kind, int64_t done) {
          if (!context.json()) context.out() << "re-sealed " << done << " " << kind << " value(s)" << std::endl;
        });
    int64_t total = 0;
    for (const auto& [kind, n] : report.resealed) total += n;
    if (context.json()) {
      printJson(context.out(), {{"version", report.version},
                                {"resumed", report.resumed},
                                {"resealed", report.resealed},
                                {"total", total},
                                {"retired", report.retired}});
      return 0;
    }
    context.out() << (report.resumed ? "resumed an interrupted rotation; " : "") << "current key version "
                  << report.version << ", " << total << " value(s) re-sealed";
    for (const auto& [kind, n] : report.resealed) context.out() << ", " << kind << " " << n;
    context.out() << "; retired version(s):";
    for (int v : report.retired) context.out() << ' ' << v;
    context.out() << '\n';
    return 0;
  }
};

class AuditListCommand : public Command {
 public:
  std::string name() const override { return "audit:list"; }
  std::string summary() const override { return "Show the audit log, newest first"; }
  void defineOptions(Poco::Util::OptionSet& options) override {
    addOption(options, "limit", "N", "At most N events (default 100).");
    addOption(options, "offset", "N", "Skip the newest N events.");
    addOption(options, "company", "ID|SLUG", "Only events of this company.");
    addOption(options, "actor", "NAME", "Only events of this actor (login or Unix user).");
  }
  int run(CommandContext& context, const std::vector<std::string>& args) override {
    requireNoArguments(args);
    AuditQuery query;
    query.limit = limit();
    query.offset = offset();
    query.actor = value("actor");
    if (auto company = value("company")) query.companyId = context.catalog().companies().idOf("company", *company);
    const auto events = context.catalog().security().auditTrail(query);
    if (context.json()) {
      OrderedJson list = OrderedJson::array();
      for (const auto& e : events) list.push_back(auditEventJson(e));
      printJson(context.out(), list);
      return 0;
    }
    TextTable table({"ID", "AT", "ACTOR", "ACTION", "SUBJECT", "COMPANY", "DETAIL"});
    for (const auto& e : events)
      table.addRow({std::to_string(e.id), formatInstant(e.at), e.actor, e.action, e.subject,
                    e.companyId ? std::to_string(*e.companyId) : "", e.detail.value_or("")});
    table.print(context.out());
    return 0;
  }
};

}  // namespace

std::vector<std::unique_ptr<Command>> securityCommands() {
  std::vector<std::unique_ptr<Command>> out;
  out.push_back(std::make_unique<StatusCommand>());
  out.push_back(std::make_unique<RotateCommand>());
  out.push_back(std::make_unique<AuditListCommand>());
  return out;
}

}  // namespace MultiFlexi
