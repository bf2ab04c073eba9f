#include "cli/TextTable.h"

#include "common/TerminalText.h"

#include <Poco/Bugcheck.h>

#include <ostream>

namespace MultiFlexi {

namespace {

std::size_t displayWidth(const std::string& s) {
  std::size_t width = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++width;  // count UTF-8 lead bytes only
  return width;
}

}  // namespace

TextTable::TextTable(std::vector<std::string> headers) : _headers(std::move(headers)) {}

void TextTable::addRow(std::vector<std::string> cells) {
  poco_assert(cells.size() <= _headers.size());
  cells.resize(_headers.size());
  for (std::string& cell : cells) cell = escapeControls(cell);  // shown, never obeyed by the terminal
  _rows.push_back(std::move(cells));
}

void TextTable::print(std::ostream& out) const {
  std::vector<std::size_t> widths;
  for (const auto& h : _headers) widths.push_back(displayWidth(h));
  for (const auto& row : _rows)
    for (std::size_t i = 0; i < row.size(); ++i) widths[i] = std::max(widths[i], displayWidth(row[i]));
  auto line = [&](const std::vector<std::string>& cells) {
    std::string text;
    for (std::size_t i = 0; i < cells.size(); ++i) {
      text += cells[i];
      if (i + 1 < cells.size()) text.append(widths[i] - displayWidth(cells[i]) + 2, ' ');
    }
    while (!text.empty() && text.back() == ' ') text.pop_back();
    out << text << '\n';
  };
  line(_headers);
  for (const auto& row : _rows) line(row);
}

}  // namespace MultiFlexi
