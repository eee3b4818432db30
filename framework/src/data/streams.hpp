// Random stream ids of the data stage, all derived from the experiment seed:
//   Rng(seed).derive(kDataGenerationStream)  noise of the xor/moons/circles generators
//   Rng(seed).derive(kDataSplitStream)       the shuffle before splitting
// The ids spell "datagen" and "datasplt" in ASCII so they stay apart from the
// small ids other stages may pick (layer initialisation, batch order, dropout).
// Changing either changes every data set: they are part of the result format.
#pragma once
#include <cstdint>

namespace neurite::data {
inline constexpr std::uint64_t kDataGenerationStream = 0x0064'6174'6167'656eull;  // "datagen"
inline constexpr std::uint64_t kDataSplitStream = 0x6461'7461'7370'6c74ull; // "datasplt"
}  // namespace neurite::data
