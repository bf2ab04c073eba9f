// Splits the Docker engine's multiplexed attach stream (no TTY) into stdout
// and stderr: frames of an 8-byte header [stream, 0, 0, 0, size as 32-bit
// big endian] followed by `size` bytes. Bytes may arrive cut anywhere.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace mfx::docker {

class StreamDemuxer {
 public:
  /// stream: 1 stdout, 2 stderr (as the engine numbers them).
  using Sink = std::function<void(int stream, std::string_view bytes)>;

  /// Feeds received bytes; hands every complete or partial payload to
  /// `sink` as soon as it arrived. Throws mfx::Error on a malformed header.
  void feed(std::string_view bytes, const Sink& sink);

 private:
  std::string _header;  // bytes of a header not yet complete
  uint32_t _left = 0;   // payload bytes still to come in the current frame
  int _stream = 0;
};

}  // namespace mfx::docker
