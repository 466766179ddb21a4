#pragma once

#include <QHash>
#include <QIcon>
#include <QStyledItemDelegate>

namespace baton::ui {

// A source or saved view: icon (network badge or view glyph), name, and its count on the right.
class SourcesDelegate final : public QStyledItemDelegate {
    Q_OBJECT
public:
    explicit SourcesDelegate(QObject* parent = nullptr);
    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;

private:
    QIcon viewIcon(const QString& key, const QColor& color) const;
    mutable QHash<QString, QIcon> m_icons;
};

} // namespace baton::ui
