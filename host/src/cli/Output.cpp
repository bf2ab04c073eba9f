#include "cli/Output.h"

#include "cli/TextTable.h"

#include <ostream>

namespace MultiFlexi {

void printJson(std::ostream& out, const OrderedJson& document) {
  out << document.dump(2, ' ', false, OrderedJson::error_handler_t::replace) << '\n';
}

void printRecord(std::ostream& out, const std::vector<std::pair<std::string, std::string>>& fields) {
  TextTable table({"FIELD", "VALUE"});
  for (const auto& [key, value] : fields) table.addRow({key, value});
  table.print(out);
}

std::string textOf(const OrderedJson& value) {
  if (value.is_null()) return {};
  if (value.is_string()) return value.get<std::string>();
  return value.dump();
}

void printObject(std::ostream& out, const OrderedJson& object) {
  std::vector<std::pair<std::string, std::string>> fields;
  for (const auto& [key, value] : object.items()) fields.emplace_back(key, textOf(value));
  printRecord(out, fields);
}

void printDeleted(std::ostream& out, bool json, const std::string& what, int64_t id, const std::string& detail) {
  if (json)
    printJson(out, {{"id", id}, {"deleted", true}});
  else
    out << "deleted " << what << ' ' << id << (detail.empty() ? "" : " (" + detail + ")") << '\n';
}

}  // namespace MultiFlexi
