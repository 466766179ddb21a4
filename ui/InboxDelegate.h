#pragma once

#include "core/models/SearchHighlight.h"

#include <QStyledItemDelegate>
#include <functional>

namespace baton::ui {

// Paints an inbox row from the model's roles: two lines at a fixed height (badge, author, handle, time;
// excerpt and chips). Colours come from the palette, so selection, hover, light and dark follow the platform.
class InboxDelegate final : public QStyledItemDelegate {
    Q_OBJECT
public:
    explicit InboxDelegate(QObject* parent = nullptr);

    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;

    // The clock relative times are measured against (tests and screenshots pin it).
    void setNow(std::function<qint64()> now) { m_now = std::move(now); }
    // The words of the current search, marked in each excerpt (which starts near the first one).
    void setSearchTerms(QList<models::SearchTerm> terms) { m_terms = std::move(terms); }

private:
    std::function<qint64()> m_now;
    QList<models::SearchTerm> m_terms;
};

} // namespace baton::ui
