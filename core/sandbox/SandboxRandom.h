#pragma once

#include <QList>
#include <QtGlobal>

namespace baton::sandbox {

// xoshiro256** seeded through splitmix64. The standard library's distributions differ between implementations,
// so every draw is computed here: one seed gives the same community on every platform and compiler.
class SandboxRandom final {
public:
    explicit SandboxRandom(quint64 seed);

    // An independent stream for one purpose, so changing how much one part draws leaves the others unchanged.
    SandboxRandom fork(quint64 stream) const;

    quint64 next();
    quint32 below(quint32 bound);            // [0, bound)
    qint64 between(qint64 low, qint64 high); // [low, high]
    double unit();                           // [0, 1)
    bool chance(double probability);

    template <typename T>
    const T& pick(const QList<T>& list) {
        return list.at(static_cast<qsizetype>(below(static_cast<quint32>(list.size()))));
    }

    // Index into a list of cumulative weights (ascending, last = total).
    qsizetype weighted(const QList<double>& cumulative);

private:
    quint64 m_seed;
    quint64 m_s[4];
};

} // namespace baton::sandbox
