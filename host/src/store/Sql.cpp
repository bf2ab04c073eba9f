#include "store/Sql.h"

#include <Poco/Bugcheck.h>
#include <Poco/Data/Statement.h>
#include <Poco/Nullable.h>

#include <stdexcept>

namespace MultiFlexi::Sql {

using namespace Poco::Data::Keywords;

Binding value(const std::string& v) { return bind(v); }
Binding value(int64_t v) { return bind(static_cast<Poco::Int64>(v)); }
Binding value(int v) { return bind(v); }
Binding value(bool v) { return bind(v ? 1 : 0); }
Binding value(const std::optional<std::string>& v) {
  return v ? bind(Poco::Nullable<std::string>(*v)) : bind(Poco::Nullable<std::string>());
}
Binding value(const std::optional<int64_t>& v) {
  return v ? bind(Poco::Nullable<Poco::Int64>(*v)) : bind(Poco::Nullable<Poco::Int64>());
}
Binding value(const std::optional<bool>& v) {
  return v ? bind(Poco::Nullable<int>(*v ? 1 : 0)) : bind(Poco::Nullable<int>());
}

namespace {
Poco::Data::Statement prepare(Poco::Data::Session& session, const std::string& sql, const Bindings& bindings) {
  Poco::Data::Statement st(session);
  st << sql;
  for (const auto& b : bindings) st.addBind(b);
  return st;
}

std::size_t column(const Poco::Data::RecordSet& rs, const std::string& name) {
  for (std::size_t i = 0; i < rs.columnCount(); ++i)
    if (rs.columnName(i) == name) return i;
  poco_bugcheck_msg(("no column " + name + " in the result").c_str());
  return 0;
}
}  // namespace

Poco::Data::RecordSet query(Poco::Data::Session& session, const std::string& sql, const Bindings& bindings) {
  Poco::Data::Statement st = prepare(session, sql, bindings);
  st.execute();
  return Poco::Data::RecordSet(st);
}

std::size_t execute(Poco::Data::Session& session, const std::string& sql, const Bindings& bindings) {
  Poco::Data::Statement st = prepare(session, sql, bindings);
  return st.execute();
}

int64_t insert(Poco::Data::Session& session, const std::string& sql, const Bindings& bindings) {
  Poco::Int64 id = 0;
  Poco::Data::Statement st = prepare(session, sql, bindings);
  st.addExtract(into(id));
  st.execute();
  return id;
}

int64_t scalar(Poco::Data::Session& session, const std::string& sql, const Bindings& bindings) {
  Poco::Int64 result = 0;
  Poco::Data::Statement st = prepare(session, sql, bindings);
  st.addExtract(into(result));
  st.execute();
  return result;
}

std::string andIn(const std::string& column, const std::vector<int64_t>& ids, Bindings& bindings) {
  if (ids.empty()) return " AND 1 = 0";
  std::string sql = " AND " + column + " IN (";
  for (std::size_t i = 0; i < ids.size(); ++i) {
    sql += i ? ", ?" : "?";
    bindings.push_back(value(ids[i]));
  }
  return sql + ")";
}

std::string orderBy(const std::optional<ListOrder>& order, const std::vector<std::string>& columns,
                    const std::string& fallback) {
  if (!order) return " ORDER BY " + fallback;
  bool known = false;
  for (const auto& c : columns) known = known || c == order->column;
  if (!known) throw std::logic_error("listing ordered by unknown column " + order->column);
  return " ORDER BY " + order->column + (order->descending ? " DESC" : "") + ", id" + (order->descending ? " DESC" : "");
}

std::string idList(const Poco::Data::RecordSet& rs) {
  std::string ids;
  for (std::size_t r = 0; r < rs.rowCount(); ++r) ids += (r ? ", " : "") + std::to_string(integer(rs, "id", r));
  return ids;
}

std::string text(const Poco::Data::RecordSet& rs, const std::string& name, std::size_t row) {
  return optText(rs, name, row).value_or(std::string());
}

std::optional<std::string> optText(const Poco::Data::RecordSet& rs, const std::string& name, std::size_t row) {
  const std::size_t col = column(rs, name);
  if (rs.isNull(col, row)) return std::nullopt;
  return rs.value(col, row).convert<std::string>();
}

int64_t integer(const Poco::Data::RecordSet& rs, const std::string& name, std::size_t row) {
  return optInteger(rs, name, row).value_or(0);
}

std::optional<int64_t> optInteger(const Poco::Data::RecordSet& rs, const std::string& name, std::size_t row) {
  const std::size_t col = column(rs, name);
  if (rs.isNull(col, row)) return std::nullopt;
  return rs.value(col, row).convert<Poco::Int64>();
}

bool boolean(const Poco::Data::RecordSet& rs, const std::string& name, std::size_t row) {
  return integer(rs, name, row) != 0;
}

std::optional<bool> optBoolean(const Poco::Data::RecordSet& rs, const std::string& name, std::size_t row) {
  const auto v = optInteger(rs, name, row);
  if (!v) return std::nullopt;
  return *v != 0;
}

}  // namespace MultiFlexi::Sql
