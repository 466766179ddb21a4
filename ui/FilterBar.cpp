#include "ui/FilterBar.h"

#include "ui/DialogFacade.h"
#include "ui/Formatting.h"
#include "ui/Palette.h"

#include <QDateTime>
#include <QEvent>
#include <QHBoxLayout>
#include <QLocale>
#include <QMenu>
#include <QStyle>
#include <QToolButton>

namespace baton::ui {
namespace {

using models::FilterChoice;

const QList<model::Network> kNetworks{model::Network::Mastodon,  model::Network::Bluesky, model::Network::Reddit,
                                      model::Network::Discourse, model::Network::YouTube, model::Network::GoogleReviews,
                                      model::Network::Feed,      model::Network::Email};
const QList<model::Status> kStatuses{model::Status::New,  model::Status::InProgress, model::Status::Waiting,
                                     model::Status::Done, model::Status::Snoozed,    model::Status::Archived,
                                     model::Status::Spam};
const QList<model::Kind> kKinds{model::Kind::Mention,       model::Kind::Reply,  model::Kind::Comment,
                                model::Kind::DirectMessage, model::Kind::Review, model::Kind::Post,
                                model::Kind::Email,         model::Kind::Quote};

template <typename T>
void toggle(QList<T>& list, const T& value) {
    if (!list.removeOne(value)) {
        list.append(value);
    }
}

// "Mastodon", "Mastodon +2"
template <typename T, typename Name>
QString listLabel(const QList<T>& values, Name name) {
    if (values.isEmpty()) {
        return {};
    }
    QString out = name(values.first());
    if (values.size() > 1) {
        out += QStringLiteral(" +%1").arg(values.size() - 1);
    }
    return out;
}

QString capitalised(QString s) {
    if (!s.isEmpty()) {
        s[0] = s.at(0).toUpper();
    }
    return s;
}

} // namespace

FilterBar::FilterBar(DialogFacade& dialogs, QWidget* parent)
    : QWidget(parent)
    , m_dialogs(dialogs) {
    setObjectName(QStringLiteral("filterBar"));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 0, 8, 6);
    layout->setSpacing(6);
    addChip(Chip::Network, "network");
    addChip(Chip::Account, "account");
    addChip(Chip::Community, "community");
    addChip(Chip::Status, "status");
    addChip(Chip::Kind, "kind");
    addChip(Chip::Sentiment, "sentiment");
    addChip(Chip::Dates, "dates");
    addChip(Chip::Assignee, "assignee");
    addChip(Chip::Tag, "tag");

    m_clear = new QToolButton(this);
    m_clear->setObjectName(QStringLiteral("clearFilters"));
    m_clear->setAutoRaise(true);
    connect(m_clear, &QToolButton::clicked, this, [this] { update([](FilterChoice& c) { c = {}; }); });
    layout->addWidget(m_clear);
    layout->addStretch(1);
    m_save = new QToolButton(this);
    m_save->setObjectName(QStringLiteral("saveView"));
    m_save->setAutoRaise(true);
    connect(m_save, &QToolButton::clicked, this, &FilterBar::saveViewRequested);
    layout->addWidget(m_save);
    refresh();
    applyLook();
}

QToolButton* FilterBar::addChip(Chip chip, const char* name) {
    auto* button = new QToolButton(this);
    button->setObjectName(QString::fromLatin1(name) + QStringLiteral("Chip"));
    button->setPopupMode(QToolButton::InstantPopup);
    button->setToolButtonStyle(Qt::ToolButtonTextOnly);
    auto* menu = new QMenu(button);
    connect(menu, &QMenu::aboutToShow, this, [this, chip, menu] { fillMenu(chip, menu); });
    button->setMenu(menu);
    layout()->addWidget(button);
    m_chips.insert(static_cast<int>(chip), button);
    return button;
}

QToolButton* FilterBar::chip(const QString& name) const {
    return findChild<QToolButton*>(name + QStringLiteral("Chip"));
}

void FilterBar::setChoice(const FilterChoice& choice) {
    m_choice = choice;
    refresh();
}

void FilterBar::update(const std::function<void(FilterChoice&)>& edit) {
    edit(m_choice);
    refresh();
    emit changed();
}

void FilterBar::fillMenu(Chip chip, QMenu* menu) {
    menu->clear();
    const Options options = m_options ? m_options() : Options{};
    m_knownAccounts = options.accounts;
    m_knownCommunities = options.communities;
    auto item = [this, menu](const QString& text, bool checked, std::function<void(FilterChoice&)> edit) {
        QAction* a = menu->addAction(text);
        a->setCheckable(true);
        a->setChecked(checked);
        connect(a, &QAction::triggered, this, [this, edit = std::move(edit)] { update(edit); });
        return a;
    };
    switch (chip) {
    case Chip::Network: {
        item(tr("Any network"), m_choice.networks.isEmpty(), [](FilterChoice& c) { c.networks.clear(); });
        menu->addSeparator();
        QList<model::Network> present;
        for (const model::Account& a : options.accounts) {
            if (!present.contains(a.network)) {
                present.append(a.network);
            }
        }
        for (model::Network n : kNetworks) {
            if (present.contains(n) || m_choice.networks.contains(n)) {
                item(Formatting::network(n), m_choice.networks.contains(n),
                     [n](FilterChoice& c) { toggle(c.networks, n); });
            }
        }
        break;
    }
    case Chip::Account:
        item(tr("Any account"), m_choice.accountIds.isEmpty(), [](FilterChoice& c) { c.accountIds.clear(); });
        menu->addSeparator();
        for (const model::Account& a : options.accounts) {
            item(a.name, m_choice.accountIds.contains(a.id),
                 [id = a.id](FilterChoice& c) { toggle(c.accountIds, id); });
        }
        break;
    case Chip::Community: {
        item(tr("Any community"), m_choice.communityIds.isEmpty(), [](FilterChoice& c) { c.communityIds.clear(); });
        menu->addSeparator();
        if (options.communities.isEmpty()) {
            menu->addAction(tr("No communities yet"))->setEnabled(false);
        }
        // Grouped under their account when there are several accounts.
        qint64 lastAccount = -1;
        for (const auto& community : options.communities) {
            if (community.accountId != lastAccount && options.accounts.size() > 1) {
                for (const model::Account& a : options.accounts) {
                    if (a.id == community.accountId) {
                        menu->addSection(a.name);
                    }
                }
            }
            lastAccount = community.accountId;
            item(community.name, m_choice.communityIds.contains(community.id),
                 [id = community.id](FilterChoice& c) { toggle(c.communityIds, id); });
        }
        break;
    }
    case Chip::Status:
        item(tr("The view's statuses"), m_choice.statuses.isEmpty(), [](FilterChoice& c) { c.statuses.clear(); });
        menu->addSeparator();
        for (model::Status s : kStatuses) {
            item(Formatting::status(s), m_choice.statuses.contains(s), [s](FilterChoice& c) { toggle(c.statuses, s); });
        }
        break;
    case Chip::Kind:
        item(tr("Any kind"), m_choice.kinds.isEmpty(), [](FilterChoice& c) { c.kinds.clear(); });
        menu->addSeparator();
        for (model::Kind k : kKinds) {
            item(capitalised(Formatting::kind(k)), m_choice.kinds.contains(k),
                 [k](FilterChoice& c) { toggle(c.kinds, k); });
        }
        break;
    case Chip::Sentiment: {
        using S = FilterChoice::Sentiment;
        const QList<std::pair<S, QString>> choices{{S::Any, tr("Any sentiment")},
                                                   {S::Negative, tr("▼ Negative")},
                                                   {S::Neutral, tr("● Neutral")},
                                                   {S::Positive, tr("▲ Positive")}};
        for (const auto& [s, label] : choices) {
            item(label, m_choice.sentiment == s, [s](FilterChoice& c) { c.sentiment = s; });
            if (s == S::Any) {
                menu->addSeparator();
            }
        }
        break;
    }
    case Chip::Dates: {
        using D = FilterChoice::Dates;
        const QList<std::pair<D, QString>> choices{{D::Any, tr("Any date")},
                                                   {D::Today, tr("Today")},
                                                   {D::Last7Days, tr("Last 7 days")},
                                                   {D::Last30Days, tr("Last 30 days")}};
        for (const auto& [d, label] : choices) {
            item(label, m_choice.dates == d, [d](FilterChoice& c) { c.dates = d; });
            if (d == D::Any) {
                menu->addSeparator();
            }
        }
        QAction* custom = menu->addAction(tr("Custom range…"));
        custom->setCheckable(true);
        custom->setChecked(m_choice.dates == D::Custom);
        connect(custom, &QAction::triggered, this, [this] {
            const QDate today = QDate::currentDate();
            QDate from = m_choice.customFrom > 0 ? QDateTime::fromMSecsSinceEpoch(m_choice.customFrom).date()
                                                 : today.addDays(-7);
            QDate to =
                m_choice.customTo > 0 ? QDateTime::fromMSecsSinceEpoch(m_choice.customTo).date().addDays(-1) : today;
            if (!m_dialogs.askDateRange(this, tr("Items between"), from, to)) {
                refresh(); // unchecks the action's look
                return;
            }
            update([from, to](FilterChoice& c) {
                c.dates = FilterChoice::Dates::Custom;
                c.customFrom = QDateTime(std::min(from, to), QTime(0, 0)).toMSecsSinceEpoch();
                c.customTo = QDateTime(std::max(from, to).addDays(1), QTime(0, 0)).toMSecsSinceEpoch(); // inclusive day
            });
        });
        break;
    }
    case Chip::Assignee:
        item(tr("Anyone"), m_choice.assignee.isEmpty() && !m_choice.unassigned, [](FilterChoice& c) {
            c.assignee.clear();
            c.unassigned = false;
        });
        item(tr("Unassigned"), m_choice.unassigned, [](FilterChoice& c) {
            c.assignee.clear();
            c.unassigned = true;
        });
        menu->addSeparator();
        if (!options.me.isEmpty()) {
            item(tr("Me (%1)").arg(options.me), m_choice.assignee == options.me, [me = options.me](FilterChoice& c) {
                c.assignee = me;
                c.unassigned = false;
            });
        }
        for (const QString& who : options.assignees) {
            item(who, m_choice.assignee == who, [who](FilterChoice& c) {
                c.assignee = who;
                c.unassigned = false;
            });
        }
        break;
    case Chip::Tag:
        item(tr("Any tag"), m_choice.tag.isEmpty(), [](FilterChoice& c) { c.tag.clear(); });
        menu->addSeparator();
        if (options.tags.isEmpty()) {
            menu->addAction(tr("No tags yet: press # on an item"))->setEnabled(false);
        }
        for (const QString& tag : options.tags) {
            item(u'#' + tag, m_choice.tag.compare(tag, Qt::CaseInsensitive) == 0,
                 [tag](FilterChoice& c) { c.tag = tag; });
        }
        break;
    }
}

QString FilterBar::chipLabel(Chip chip) const {
    const FilterChoice& c = m_choice;
    switch (chip) {
    case Chip::Network:
        return c.networks.isEmpty() ? tr("Network") : listLabel(c.networks, &Formatting::network);
    case Chip::Account:
        return c.accountIds.isEmpty() ? tr("Account") : listLabel(c.accountIds, [this](qint64 id) {
            for (const model::Account& a : m_knownAccounts) {
                if (a.id == id) {
                    return a.name;
                }
            }
            return tr("Account %1").arg(id);
        });
    case Chip::Community:
        return c.communityIds.isEmpty() ? tr("Community") : listLabel(c.communityIds, [this](qint64 id) {
            for (const auto& community : m_knownCommunities) {
                if (community.id == id) {
                    return community.name;
                }
            }
            return tr("Community %1").arg(id);
        });
    case Chip::Status:
        return c.statuses.isEmpty() ? tr("Status") : listLabel(c.statuses, &Formatting::status);
    case Chip::Kind:
        return c.kinds.isEmpty() ? tr("Kind")
                                 : listLabel(c.kinds, [](model::Kind k) { return capitalised(Formatting::kind(k)); });
    case Chip::Sentiment:
        switch (c.sentiment) {
        case FilterChoice::Sentiment::Any:
            return tr("Sentiment");
        case FilterChoice::Sentiment::Negative:
            return tr("▼ Negative");
        case FilterChoice::Sentiment::Neutral:
            return tr("● Neutral");
        case FilterChoice::Sentiment::Positive:
            return tr("▲ Positive");
        }
        break;
    case Chip::Dates:
        switch (c.dates) {
        case FilterChoice::Dates::Any:
            return tr("Date");
        case FilterChoice::Dates::Today:
            return tr("Today");
        case FilterChoice::Dates::Last7Days:
            return tr("Last 7 days");
        case FilterChoice::Dates::Last30Days:
            return tr("Last 30 days");
        case FilterChoice::Dates::Custom: {
            const QLocale locale;
            const QString format = tr("d MMM", "date format, this year");
            return tr("%1 – %2").arg(
                locale.toString(QDateTime::fromMSecsSinceEpoch(c.customFrom).date(), format),
                locale.toString(QDateTime::fromMSecsSinceEpoch(c.customTo).date().addDays(-1), format));
        }
        }
        break;
    case Chip::Assignee:
        if (c.unassigned) {
            return tr("Unassigned");
        }
        return c.assignee.isEmpty() ? tr("Assignee") : c.assignee;
    case Chip::Tag:
        return c.tag.isEmpty() ? tr("Tag") : u'#' + c.tag;
    }
    return {};
}

void FilterBar::refresh() {
    for (auto it = m_chips.cbegin(); it != m_chips.cend(); ++it) {
        QToolButton* b = it.value();
        const auto chip = static_cast<Chip>(it.key());
        b->setText(chipLabel(chip) + QStringLiteral("  ▾"));
        const bool active = [&] {
            switch (chip) {
            case Chip::Network:
                return !m_choice.networks.isEmpty();
            case Chip::Account:
                return !m_choice.accountIds.isEmpty();
            case Chip::Community:
                return !m_choice.communityIds.isEmpty();
            case Chip::Status:
                return !m_choice.statuses.isEmpty();
            case Chip::Kind:
                return !m_choice.kinds.isEmpty();
            case Chip::Sentiment:
                return m_choice.sentiment != FilterChoice::Sentiment::Any;
            case Chip::Dates:
                return m_choice.dates != FilterChoice::Dates::Any;
            case Chip::Assignee:
                return m_choice.unassigned || !m_choice.assignee.isEmpty();
            case Chip::Tag:
                return !m_choice.tag.isEmpty();
            }
            return false;
        }();
        b->setProperty("active", active);
        b->style()->unpolish(b);
        b->style()->polish(b);
    }
    m_clear->setText(tr("Clear filters"));
    m_clear->setToolTip(tr("Show everything the view shows"));
    m_clear->setVisible(!m_choice.isEmpty());
    m_save->setText(tr("Save as view…"));
    m_save->setToolTip(tr("Keep this view and its filters in the list on the left"));
}

void FilterBar::applyLook() {
    // Chips are rounded outlines; an active one is tinted with the highlight colour. Colours come from the palette.
    const QPalette pal = palette();
    const QString border = Palette::mix(pal.color(QPalette::Window), pal.color(QPalette::WindowText), 0.25).name();
    const QString activeBg = Palette::tint(pal, pal.color(QPalette::Highlight), 0.18).name();
    const QString activeBorder = Palette::mix(pal.color(QPalette::Highlight), pal.color(QPalette::Window), 0.3).name();
    const QString hover = Palette::mix(pal.color(QPalette::Window), pal.color(QPalette::WindowText), 0.08).name();
    setStyleSheet(QStringLiteral("QToolButton[active] { border: 1px solid %1; border-radius: 11px; padding: 2px 10px; "
                                 "color: %5; background: transparent; }"
                                 "QToolButton[active]:hover { background: %4; }"
                                 "QToolButton[active=\"true\"] { background: %2; border-color: %3; }"
                                 "QToolButton::menu-indicator { image: none; width: 0; }")
                      .arg(border, activeBg, activeBorder, hover, pal.color(QPalette::WindowText).name()));
}

void FilterBar::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) {
        refresh();
    } else if (event->type() == QEvent::PaletteChange) {
        applyLook();
    }
    QWidget::changeEvent(event);
}

} // namespace baton::ui
