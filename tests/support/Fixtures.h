#pragma once

// The test data under tests/fixtures, for the tests that are given BATON_FIXTURES (its absolute path) as a compile
// definition: one network's folder, one file of it, or any file by path. A missing file stops the test run with a
// message naming it (qFatal), since a test without its data checks nothing. Header-only.
#include <QByteArray>
#include <QFile>
#include <QString>
#include <QtGlobal>

#ifndef BATON_FIXTURES
#error "Fixtures.h needs BATON_FIXTURES (target_compile_definitions ... BATON_FIXTURES=\"<source>/tests/fixtures\")"
#endif

namespace baton::testing {

// BATON_FIXTURES/<network>, or BATON_FIXTURES/<network>/<name> when a name is given.
inline QString fixturePath(const QString& network, const QString& name = {}) {
    QString path = QStringLiteral(BATON_FIXTURES "/") + network;
    if (!name.isEmpty()) {
        path += u'/' + name;
    }
    return path;
}

// The whole file at path; qFatal when it cannot be read.
inline QByteArray readFixtureFile(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        qFatal("missing fixture %s", qPrintable(path));
    }
    return f.readAll();
}

// BATON_FIXTURES/<network>/<name>, e.g. fixture("reddit", "inbox.json"); qFatal when it is missing.
inline QByteArray fixture(const QString& network, const QString& name) {
    return readFixtureFile(fixturePath(network, name));
}

} // namespace baton::testing
