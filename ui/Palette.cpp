#include "ui/Palette.h"

#include <QHash>
#include <QPainter>
#include <QPixmap>
#include <QSvgRenderer>

namespace baton::ui::Palette {

bool isDark(const QPalette& p) {
    return p.color(QPalette::Window).lightnessF() < 0.5;
}

QColor mix(const QColor& a, const QColor& b, double t) {
    return QColor::fromRgbF(static_cast<float>(a.redF() * (1 - t) + b.redF() * t),
                            static_cast<float>(a.greenF() * (1 - t) + b.greenF() * t),
                            static_cast<float>(a.blueF() * (1 - t) + b.blueF() * t));
}

QColor muted(const QPalette& p, QPalette::ColorGroup group, bool selected) {
    if (selected) {
        return mix(p.color(group, QPalette::HighlightedText), p.color(group, QPalette::Highlight), 0.25);
    }
    return mix(p.color(group, QPalette::Text), p.color(group, QPalette::Base), 0.42);
}

QColor networkColor(model::Network n) {
    switch (n) {
    case model::Network::Mastodon:
        return QColor(0x63, 0x64, 0xff);
    case model::Network::Bluesky:
        return QColor(0x11, 0x85, 0xfe);
    case model::Network::Reddit:
        return QColor(0xff, 0x45, 0x00);
    case model::Network::Discourse:
        return QColor(0x2f, 0x9e, 0x8f);
    case model::Network::YouTube:
        return QColor(0xe0, 0x26, 0x26);
    case model::Network::GoogleReviews:
        return QColor(0xf2, 0xa6, 0x00);
    case model::Network::Feed:
        return QColor(0xe8, 0x7a, 0x1f);
    case model::Network::Email:
        return QColor(0x6b, 0x72, 0x80);
    }
    return QColor(0x6b, 0x72, 0x80);
}

QColor negative(const QPalette& p) {
    return isDark(p) ? QColor(0xff, 0x8a, 0x80) : QColor(0xc6, 0x28, 0x28);
}

QColor positive(const QPalette& p) {
    // Blue-green rather than pure green, so it stays apart from the red for red-green colour blindness.
    return isDark(p) ? QColor(0x6f, 0xd6, 0xc0) : QColor(0x00, 0x7a, 0x6a);
}

QColor warning(const QPalette& p) {
    return isDark(p) ? QColor(0xff, 0xc1, 0x4d) : QColor(0xb2, 0x6a, 0x00);
}

QColor tint(const QPalette& p, const QColor& c, double amount) {
    return mix(p.color(QPalette::Base), c, isDark(p) ? amount * 1.6 : amount);
}

namespace {

QString badgeResource(model::Network n) {
    return QStringLiteral(":/icons/network-%1.svg").arg(model::toString(n));
}

} // namespace

void paintNetworkBadge(QPainter* painter, const QRectF& rect, model::Network n) {
    static QHash<int, QSvgRenderer*> renderers; // GUI thread only; lives as long as the process
    QSvgRenderer*& r = renderers[static_cast<int>(n)];
    if (!r) {
        r = new QSvgRenderer(badgeResource(n));
    }
    if (r->isValid()) {
        r->render(painter, rect);
        return;
    }
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(Qt::NoPen);
    painter->setBrush(networkColor(n));
    painter->drawEllipse(rect);
    painter->restore();
}

QIcon themedIcon(const QString& name, const QColor& color) {
    QIcon icon;
    QSvgRenderer renderer(QStringLiteral(":/icons/%1.svg").arg(name));
    if (!renderer.isValid()) {
        return icon;
    }
    for (int size : {16, 20, 24, 32, 40, 48}) {
        QPixmap pm(size, size);
        pm.fill(Qt::transparent);
        QPainter p(&pm);
        p.setRenderHint(QPainter::Antialiasing);
        renderer.render(&p, QRectF(0, 0, size, size));
        p.setCompositionMode(QPainter::CompositionMode_SourceIn);
        p.fillRect(pm.rect(), color);
        p.end();
        icon.addPixmap(pm);
    }
    return icon;
}

} // namespace baton::ui::Palette
