#include "StreamDemuxer.h"

#include <multiflexi/mfx_plugin.hpp>

#include <algorithm>

namespace mfx::docker {

void StreamDemuxer::feed(std::string_view bytes, const Sink& sink) {
  while (!bytes.empty()) {
    if (_left == 0) {
      const std::size_t need = 8 - _header.size();
      const std::size_t take = std::min(need, bytes.size());
      _header.append(bytes.substr(0, take));
      bytes.remove_prefix(take);
      if (_header.size() < 8) return;
      const auto byte = [this](int i) { return static_cast<uint32_t>(static_cast<unsigned char>(_header[i])); };
      _stream = static_cast<int>(byte(0));
      if (_stream > 2 || byte(1) != 0 || byte(2) != 0 || byte(3) != 0)
        throw Error(MFX_E_INTERNAL, "the engine's output stream is not multiplexed as expected (header byte " +
                                        std::to_string(byte(0)) + ")");
      _left = byte(4) << 24 | byte(5) << 16 | byte(6) << 8 | byte(7);
      _header.clear();
      continue;
    }
    const std::size_t take = std::min<std::size_t>(_left, bytes.size());
    // stream 0 is the engine's stdin echo: never sent without OpenStdin.
    if (_stream != 0) sink(_stream, bytes.substr(0, take));
    bytes.remove_prefix(take);
    _left -= static_cast<uint32_t>(take);
  }
}

}  // namespace mfx::docker
