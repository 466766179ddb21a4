#pragma once

#include <QString>

class QCoreApplication;

namespace baton::ui {

// Installs Baton's and Qt's translations for language ("en", "fr"; empty: the system locale). Returns the
// language in effect. The .qm files are compiled into the binary under :/i18n.
QString installTranslations(const QString& language);

} // namespace baton::ui
