#include "core/sandbox/SandboxRandom.h"

#include <algorithm>

namespace baton::sandbox {

namespace {

quint64 splitmix(quint64& state) {
    quint64 z = (state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

quint64 rotl(quint64 x, int k) {
    return (x << k) | (x >> (64 - k));
}

} // namespace

SandboxRandom::SandboxRandom(quint64 seed)
    : m_seed(seed) {
    quint64 state = seed;
    for (quint64& word : m_s) {
        word = splitmix(state);
    }
}

SandboxRandom SandboxRandom::fork(quint64 stream) const {
    quint64 state = m_seed ^ (stream * 0xD1B54A32D192ED03ULL);
    return SandboxRandom(splitmix(state));
}

quint64 SandboxRandom::next() {
    const quint64 result = rotl(m_s[1] * 5, 7) * 9;
    const quint64 t = m_s[1] << 17;
    m_s[2] ^= m_s[0];
    m_s[3] ^= m_s[1];
    m_s[1] ^= m_s[2];
    m_s[0] ^= m_s[3];
    m_s[2] ^= t;
    m_s[3] = rotl(m_s[3], 45);
    return result;
}

quint32 SandboxRandom::below(quint32 bound) {
    if (bound <= 1) {
        return 0;
    }
    // Lemire's multiply-shift; the tiny bias is irrelevant for test data.
    return static_cast<quint32>(((next() >> 32) * bound) >> 32);
}

qint64 SandboxRandom::between(qint64 low, qint64 high) {
    if (high <= low) {
        return low;
    }
    const auto span = static_cast<quint64>(high - low) + 1;
    return low + static_cast<qint64>(next() % span);
}

double SandboxRandom::unit() {
    return static_cast<double>(next() >> 11) * 0x1.0p-53;
}

bool SandboxRandom::chance(double probability) {
    return unit() < probability;
}

qsizetype SandboxRandom::weighted(const QList<double>& cumulative) {
    if (cumulative.isEmpty()) {
        return -1;
    }
    const double target = unit() * cumulative.constLast();
    const auto it = std::upper_bound(cumulative.cbegin(), cumulative.cend(), target);
    return std::min<qsizetype>(it - cumulative.cbegin(), cumulative.size() - 1);
}

} // namespace baton::sandbox
