#pragma once

#include "core/model/Account.h"
#include "core/models/FilterChoice.h"
#include "core/store/CommunityRepository.h"

#include <QWidget>
#include <functional>

class QHBoxLayout;
class QMenu;
class QToolButton;

namespace baton::ui {

class DialogFacade;

// The strip of filter chips under the toolbar: network, account, community, status, kind, sentiment, dates,
// assignee, tag.
// It only edits a models::FilterChoice; the window turns that into SQL.
class FilterBar final : public QWidget {
    Q_OBJECT
public:
    // What the menus offer, asked for each time a menu opens (accounts and tags change while the window is open).
    struct Options {
        QList<model::Account> accounts;
        QList<store::CommunityRepository::Community> communities;
        QStringList tags;
        QString me;            // the current user
        QStringList assignees; // the team, me excluded
    };

    FilterBar(DialogFacade& dialogs, QWidget* parent = nullptr);

    void setOptionsProvider(std::function<Options()> provider) { m_options = std::move(provider); }
    const models::FilterChoice& choice() const { return m_choice; }
    // Shows choice without emitting changed().
    void setChoice(const models::FilterChoice& choice);
    QToolButton* chip(const QString& name) const; // "network", "account", "status"... for tests

signals:
    void changed();
    void saveViewRequested();

protected:
    void changeEvent(QEvent* event) override;

private:
    enum class Chip { Network, Account, Community, Status, Kind, Sentiment, Dates, Assignee, Tag };
    QToolButton* addChip(Chip chip, const char* name);
    void fillMenu(Chip chip, QMenu* menu);
    void update(const std::function<void(models::FilterChoice&)>& edit);
    void refresh(); // labels and looks from m_choice
    void applyLook();
    QString chipLabel(Chip chip) const;

    DialogFacade& m_dialogs;
    std::function<Options()> m_options;
    models::FilterChoice m_choice;
    QHash<int, QToolButton*> m_chips;
    QToolButton* m_clear = nullptr;
    QToolButton* m_save = nullptr;
    QList<model::Account> m_knownAccounts; // for account chip labels
    QList<store::CommunityRepository::Community> m_knownCommunities;
};

} // namespace baton::ui
