#include "common/TerminalText.h"

namespace MultiFlexi {

namespace {

void appendHex(std::string& out, const char* prefix, unsigned value, int digits) {
  static const char* hex = "0123456789abcdef";
  out += prefix;
  for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) out += hex[(value >> shift) & 0xF];
}

/// Length of the valid UTF-8 sequence at `text[i]` (0 when invalid) and its code point.
std::size_t utf8Sequence(std::string_view text, std::size_t i, unsigned& codePoint) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned lead = byte(i);
  std::size_t length = 0;
  if (lead >= 0xC2 && lead <= 0xDF) length = 2, codePoint = lead & 0x1F;
  else if (lead >= 0xE0 && lead <= 0xEF) length = 3, codePoint = lead & 0x0F;
  else if (lead >= 0xF0 && lead <= 0xF4) length = 4, codePoint = lead & 0x07;
  else return 0;
  if (i + length > text.size()) return 0;
  for (std::size_t k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
    codePoint = (codePoint << 6) | (byte(i + k) & 0x3F);
  }
  const bool overlong = (length == 3 && codePoint < 0x800) || (length == 4 && codePoint < 0x10000);
  const bool invalid = codePoint > 0x10FFFF || (codePoint >= 0xD800 && codePoint <= 0xDFFF);
  return overlong || invalid ? 0 : length;
}

}  // namespace

std::string escapeControls(std::string_view text, bool keepNewlines) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == '\n' && keepNewlines) {
      out += '\n';
      ++i;
    } else if (c < 0x20 || c == 0x7F) {
      appendHex(out, "\\x", c, 2);
      ++i;
    } else if (c < 0x80) {
      out += static_cast<char>(c);
      ++i;
    } else {
      unsigned codePoint = 0;
      const std::size_t length = utf8Sequence(text, i, codePoint);
      if (length == 0) {
        appendHex(out, "\\x", c, 2);
        ++i;
      } else {
        if (codePoint <= 0x9F) appendHex(out, "\\u", codePoint, 4);  // C1 controls
        else out.append(text.substr(i, length));
        i += length;
      }
    }
  }
  return out;
}

}  // namespace MultiFlexi
