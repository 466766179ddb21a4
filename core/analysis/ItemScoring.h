#pragma once

#include "core/model/Item.h"

#include <QList>

namespace baton::analysis {

// Fills in each item's language (declared, else detected) and, for English and French items, its sentiment.
// Items in other languages keep no score: "unknown" rather than a wrong number. Values already set are kept.
void scoreItems(QList<model::Item>& items);

} // namespace baton::analysis
