#pragma once

#include "core/model/Enums.h"

#include <QColor>
#include <QIcon>
#include <QPalette>

class QPainter;
class QRectF;

namespace baton::ui {

// Colours derived from the application palette, so light and dark themes both work; the few fixed hues
// (networks, sentiment) are toned for the background they sit on.
namespace Palette {
bool isDark(const QPalette& p);
QColor mix(const QColor& a, const QColor& b, double amountOfB);
// Secondary text: the text colour pulled towards the background.
QColor muted(const QPalette& p, QPalette::ColorGroup group = QPalette::Active, bool selected = false);
QColor networkColor(model::Network n);
QColor negative(const QPalette& p);
QColor positive(const QPalette& p);
QColor warning(const QPalette& p);
// A soft background tint of colour c over the base colour.
QColor tint(const QPalette& p, const QColor& c, double amount = 0.14);

// The network's round badge (our own SVG), painted crisp at any device pixel ratio.
void paintNetworkBadge(QPainter* painter, const QRectF& rect, model::Network n);
// A monochrome SVG icon from the resources, recoloured to the palette's text colour.
QIcon themedIcon(const QString& name, const QColor& color);
} // namespace Palette

} // namespace baton::ui
