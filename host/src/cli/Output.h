// Output helpers shared by the commands: JSON documents, and KEY VALUE
// tables for a single record in text mode.
#pragma once

#include "common/Json.h"

#include <cstdint>
#include <iosfwd>
#include <string>
#include <utility>
#include <vector>

namespace MultiFlexi {

/// Pretty-printed JSON (2 spaces) and a newline.
void printJson(std::ostream& out, const OrderedJson& document);
/// One record as a two-column table.
void printRecord(std::ostream& out, const std::vector<std::pair<std::string, std::string>>& fields);
/// A JSON value as one line of text: strings bare, others as JSON, null as "".
std::string textOf(const OrderedJson& value);
/// A JSON object's fields as a record (values through textOf).
void printObject(std::ostream& out, const OrderedJson& object);
/// What a delete command reports: {"id": id, "deleted": true} in JSON, else
/// "deleted <what> <id>" and " (<detail>)" when a detail is given.
void printDeleted(std::ostream& out, bool json, const std::string& what, int64_t id, const std::string& detail = {});

}  // namespace MultiFlexi
