// SPDX-License-Identifier: MIT
#include <stdexcept>

#include "sim/engine.h"
#include "sim/native_engine.h"
#include "sim/simgrid_engine.h"

namespace ketensim::sim {

EngineKind engine_kind_from_name(const std::string& name) {
  if (name == "native") return EngineKind::native;
  if (name == "simgrid") return EngineKind::simgrid;
  throw std::invalid_argument("unknown engine '" + name + "': valid names are native, simgrid");
}

std::unique_ptr<Engine> make_engine(EngineKind kind, const Platform& platform, EventHandler& handler) {
  switch (kind) {
    case EngineKind::native:
      return std::make_unique<NativeEngine>(platform, handler);
    case EngineKind::simgrid:
      return std::make_unique<SimGridEngine>(platform, handler);
  }
  throw std::invalid_argument("unknown engine kind " + std::to_string(static_cast<int>(kind)));
}

}  // namespace ketensim::sim
