// Thin helpers over Poco::Data: copy-bound parameters (NULL for an empty
// optional), queries returning a RecordSet, and typed column reads.
#pragma once

#include "domain/ListOrder.h"

#include <Poco/Data/AbstractBinding.h>
#include <Poco/Data/RecordSet.h>
#include <Poco/Data/Session.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace MultiFlexi::Sql {

using Binding = Poco::Data::AbstractBinding::Ptr;
using Bindings = std::vector<Binding>;

Binding value(const std::string& v);
Binding value(int64_t v);
Binding value(int v);
Binding value(bool v);  ///< stored as 0/1
Binding value(const std::optional<std::string>& v);
Binding value(const std::optional<int64_t>& v);
Binding value(const std::optional<bool>& v);

/// Runs a SELECT.
Poco::Data::RecordSet query(Poco::Data::Session& session, const std::string& sql,
                            const Bindings& bindings = {});
/// Runs a statement; returns the number of rows it changed.
std::size_t execute(Poco::Data::Session& session, const std::string& sql, const Bindings& bindings = {});
/// Runs an INSERT ... RETURNING id; returns the id.
int64_t insert(Poco::Data::Session& session, const std::string& sql, const Bindings& bindings);
/// The first column of the first row as an integer (COUNT(*) ...).
int64_t scalar(Poco::Data::Session& session, const std::string& sql, const Bindings& bindings = {});

/// " AND <column> IN (?, ...)" with the ids bound onto `bindings`; " AND 1 = 0"
/// for no ids (a caller who sees no company lists nothing). `column` is the
/// caller's literal, never input.
std::string andIn(const std::string& column, const std::vector<int64_t>& ids, Bindings& bindings);
/// " ORDER BY <column> [DESC], id" for `order` (or `fallback` when none).
/// The column must be one of `columns`; anything else is a bug of the
/// caller, who checks input against its own names first (logic_error).
std::string orderBy(const std::optional<ListOrder>& order, const std::vector<std::string>& columns,
                    const std::string& fallback);

/// The "id" column of every row, as "3, 5, 8" (for messages).
std::string idList(const Poco::Data::RecordSet& rs);

/// Typed reads of column `name` in `row`.
std::string text(const Poco::Data::RecordSet& rs, const std::string& name, std::size_t row);
std::optional<std::string> optText(const Poco::Data::RecordSet& rs, const std::string& name, std::size_t row);
int64_t integer(const Poco::Data::RecordSet& rs, const std::string& name, std::size_t row);
std::optional<int64_t> optInteger(const Poco::Data::RecordSet& rs, const std::string& name, std::size_t row);
bool boolean(const Poco::Data::RecordSet& rs, const std::string& name, std::size_t row);
std::optional<bool> optBoolean(const Poco::Data::RecordSet& rs, const std::string& name, std::size_t row);

}  // namespace MultiFlexi::Sql
