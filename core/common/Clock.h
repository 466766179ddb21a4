#pragma once

#include <QtGlobal>
#include <atomic>

namespace baton {

// Wall-clock time in UTC milliseconds. Production code takes a Clock so tests can move time by hand.
class Clock {
public:
    virtual ~Clock() = default;
    virtual qint64 nowMs() const = 0;
};

class SystemClock final : public Clock {
public:
    qint64 nowMs() const override;
    static const SystemClock& instance();
};

class FakeClock final : public Clock {
public:
    explicit FakeClock(qint64 startMs = 0)
        : m_now(startMs) {}
    qint64 nowMs() const override { return m_now.load(); }
    void setNowMs(qint64 ms) { m_now.store(ms); }
    void advance(qint64 ms) { m_now.fetch_add(ms); }

private:
    std::atomic<qint64> m_now;
};

} // namespace baton
