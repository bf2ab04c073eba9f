// Aligned text tables for the CLI's text output.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace MultiFlexi {

class TextTable {
 public:
  explicit TextTable(std::vector<std::string> headers);
  /// Adds a row; missing cells are empty, extra cells are an error. Control
  /// characters of cells are escaped (escapeControls).
  void addRow(std::vector<std::string> cells);
  /// Writes the header and rows, columns padded to their widest cell
  /// (counted in UTF-8 characters), separated by two spaces.
  void print(std::ostream& out) const;

 private:
  std::vector<std::string> _headers;
  std::vector<std::vector<std::string>> _rows;
};

}  // namespace MultiFlexi
