#include "ui/MainWindow.h"

#include "core/models/InboxModel.h"
#include "core/models/ItemDetails.h"
#include "core/models/OutboxModel.h"
#include "core/models/Roles.h"
#include "core/models/SearchHighlight.h"
#include "core/models/SourcesModel.h"
#include "core/store/AccountRepository.h"
#include "core/store/CommunityRepository.h"
#include "core/store/NoteRepository.h"
#include "core/store/Store.h"
#include "core/store/TagRepository.h"
#include "core/sync/OutboxSender.h"
#include "core/sync/SyncEngine.h"
#include "ui/Composer.h"
#include "ui/DashboardView.h"
#include "ui/DialogFacade.h"
#include "ui/FilterBar.h"
#include "ui/Formatting.h"
#include "ui/InboxDelegate.h"
#include "ui/ItemPane.h"
#include "ui/OutboxPanel.h"
#include "ui/Palette.h"
#include "ui/SettingsDialog.h"
#include "ui/SourcesDelegate.h"
#include "ui/Toast.h"

#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QDateTime>
#include <QDockWidget>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QLocale>
#include <QMenu>
#include <QPushButton>
#include <QScrollBar>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

namespace baton::ui {

MainWindow::MainWindow(Services services, QWidget* parent)
    : QMainWindow(parent)
    , m_store(services.store)
    , m_sync(services.sync)
    , m_dialogs(services.dialogs)
    , m_demo(services.demo)
    , m_now(services.now ? services.now : [] { return QDateTime::currentMSecsSinceEpoch(); }) {
    setObjectName(QStringLiteral("mainWindow"));
    m_sources = new models::SourcesModel(m_store, this);
    m_sources->setCurrentUser(qEnvironmentVariable("USER"));
    m_inbox = new models::InboxModel(m_store, this);
    buildUi();
    buildActions();
    retranslate();
    applyTheme();
    restoreState();
    if (m_sync) {
        connect(m_sync, &sync::SyncEngine::accountStatusChanged, this, &MainWindow::onAccountStatus);
        for (const model::Account& a : store::AccountRepository::list(m_store.reader())) {
            m_accountNames.insert(a.id, a.name);
            onAccountStatus(a.id, m_sync->status(a.id));
        }
        connect(m_sync, &sync::SyncEngine::allFinished, this, &MainWindow::updateSyncButton);
        connect(&m_sync->outbox(), &sync::OutboxSender::entryChanged, this,
                [this](qint64, model::OutboxState, const QString&) { refreshPane(); });
    }
    connect(&m_store.writer(), &store::StoreWriter::changed, this, [this](const store::ChangeSet& c) {
        if (c.outboxChanged || c.updatedItems.contains(currentItemId())) {
            refreshPane();
        }
        if (!c.accounts.isEmpty()) {
            updateSignInBanner();
        }
        notifyArrivals(c);
    });
    updateSyncButton();
    updateSignInBanner();
}

MainWindow::~MainWindow() = default;

void MainWindow::buildUi() {
    // Toolbar: search (the widest), sort, sync.
    auto* bar = addToolBar(tr("Main"));
    bar->setObjectName(QStringLiteral("mainToolBar"));
    bar->setMovable(false);
    bar->setFloatable(false);
    bar->setIconSize(QSize(20, 20));
    m_search = new QLineEdit(bar);
    m_search->setObjectName(QStringLiteral("search"));
    m_search->setClearButtonEnabled(true);
    m_search->setMinimumWidth(280);
    m_search->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    m_sort = new QComboBox(bar);
    m_sort->setObjectName(QStringLiteral("sort"));
    m_sort->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_syncButton = new QToolButton(bar);
    m_syncButton->setObjectName(QStringLiteral("syncButton"));
    m_syncButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_filterBar = new FilterBar(m_dialogs, bar);
    m_filterBar->setOptionsProvider([this] {
        FilterBar::Options o;
        o.accounts = store::AccountRepository::list(m_store.reader());
        o.communities = store::CommunityRepository::all(m_store.reader());
        for (const store::TagRepository::Tag& t : store::TagRepository::all(m_store.reader())) {
            o.tags.append(t.name);
        }
        o.me = m_sources->currentUser();
        o.assignees = QSettings().value(QStringLiteral("team/members")).toStringList();
        o.assignees.removeAll(o.me);
        return o;
    });
    connect(m_filterBar, &FilterBar::changed, this, [this] {
        m_searchDelay->stop();
        applyFilter();
    });
    connect(m_filterBar, &FilterBar::saveViewRequested, this, [this] {
        const auto name = m_dialogs.askText(this, tr("Save as view"), tr("Name of the view:"),
                                            m_filterBar->choice().isEmpty() ? QString() : m_listTitle->text());
        if (name && !name->isEmpty()) {
            saveCurrentView(*name);
        }
    });
    auto* barContent = new QWidget(bar);
    auto* barRows = new QVBoxLayout(barContent);
    barRows->setContentsMargins(0, 0, 0, 0);
    barRows->setSpacing(0);
    auto* barLayout = new QHBoxLayout;
    barLayout->setContentsMargins(8, 4, 8, 4);
    barLayout->setSpacing(8);
    barLayout->addWidget(m_search, 1);
    barLayout->addWidget(m_sort);
    barLayout->addWidget(m_syncButton);
    m_outboxButton = new QToolButton(bar);
    m_outboxButton->setObjectName(QStringLiteral("outboxButton"));
    m_outboxButton->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_outboxButton->setCheckable(true);
    barLayout->addWidget(m_outboxButton);
    m_dashboardButton = new QToolButton(bar);
    m_dashboardButton->setObjectName(QStringLiteral("dashboardButton"));
    m_dashboardButton->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_dashboardButton->setCheckable(true);
    barLayout->addWidget(m_dashboardButton);
    m_reportsButton = new QToolButton(bar);
    m_reportsButton->setObjectName(QStringLiteral("reportsButton"));
    m_reportsButton->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_reportsButton->setPopupMode(QToolButton::InstantPopup);
    m_reportsButton->setMenu(new QMenu(m_reportsButton));
    barLayout->addWidget(m_reportsButton);
    barRows->addLayout(barLayout);
    barRows->addWidget(m_filterBar);
    bar->addWidget(barContent);
    m_searchDelay = new QTimer(this);
    m_searchDelay->setSingleShot(true);
    m_searchDelay->setInterval(200);
    connect(m_search, &QLineEdit::textChanged, m_searchDelay, qOverload<>(&QTimer::start));
    connect(m_searchDelay, &QTimer::timeout, this, &MainWindow::applyFilter);
    connect(m_search, &QLineEdit::returnPressed, this, [this] {
        m_searchDelay->stop();
        applyFilter();
        m_list->setFocus();
    });
    connect(m_sort, &QComboBox::activated, this, &MainWindow::applyFilter);
    connect(m_syncButton, &QToolButton::clicked, this, &MainWindow::triggerSync);

    // Left: sources and views.
    m_tree = new QTreeView(this);
    m_tree->setObjectName(QStringLiteral("sources"));
    m_tree->setModel(m_sources);
    m_tree->setItemDelegate(new SourcesDelegate(m_tree));
    m_tree->setHeaderHidden(true);
    m_tree->setRootIsDecorated(false);
    m_tree->setIndentation(14);
    m_tree->setUniformRowHeights(true);
    m_tree->setFrameShape(QFrame::NoFrame);
    m_tree->expandAll();
    m_tree->setMinimumWidth(160);
    m_tree->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_tree, &QTreeView::customContextMenuRequested, this, &MainWindow::showSourcesMenu);
    connect(m_sources, &QAbstractItemModel::modelReset, m_tree, &QTreeView::expandAll);

    // Centre: demo banner, "new items" bar, the list.
    m_list = new QListView(this);
    m_list->setObjectName(QStringLiteral("inbox"));
    m_list->setModel(m_inbox);
    m_delegate = new InboxDelegate(m_list);
    m_delegate->setNow(m_now);
    m_list->setItemDelegate(m_delegate);
    m_list->setUniformItemSizes(true);
    m_list->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_list->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_list->setFrameShape(QFrame::NoFrame);
    m_list->setMouseTracking(true);
    m_list->setAttribute(Qt::WA_Hover);
    connect(m_list->verticalScrollBar(), &QScrollBar::valueChanged, this, [this](int v) {
        m_inbox->setAtTop(v == 0);
        if (v == 0 && m_inbox->pendingCount() > 0 && !m_list->currentIndex().isValid()) {
            m_inbox->applyPending();
        }
    });
    m_emptyLabel = new QLabel(m_list->viewport());
    m_emptyLabel->setObjectName(QStringLiteral("emptyState"));
    m_emptyLabel->setAlignment(Qt::AlignCenter);
    m_emptyLabel->setWordWrap(true);
    connect(m_inbox, &QAbstractItemModel::modelReset, this, &MainWindow::updateEmptyState);
    connect(m_inbox, &QAbstractItemModel::rowsInserted, this, &MainWindow::updateEmptyState);
    connect(m_inbox, &QAbstractItemModel::rowsRemoved, this, &MainWindow::updateEmptyState);

    m_banner = new QWidget(this);
    m_banner->setObjectName(QStringLiteral("demoBanner"));
    m_banner->setAutoFillBackground(true);
    m_bannerText = new QLabel(m_banner);
    m_bannerText->setWordWrap(true);
    m_bannerButton = new QPushButton(m_banner);
    auto* bannerLayout = new QHBoxLayout(m_banner);
    bannerLayout->setContentsMargins(12, 6, 8, 6);
    bannerLayout->addWidget(m_bannerText, 1);
    bannerLayout->addWidget(m_bannerButton);
    m_banner->setVisible(m_demo);
    connect(m_bannerButton, &QPushButton::clicked, this, [this] { openSettings()->addAccount(); });

    m_signInBanner = new QWidget(this);
    m_signInBanner->setObjectName(QStringLiteral("signInBanner"));
    m_signInBanner->setAutoFillBackground(true);
    m_signInText = new QLabel(m_signInBanner);
    m_signInText->setObjectName(QStringLiteral("signInText"));
    m_signInText->setWordWrap(true);
    m_signInButton = new QPushButton(m_signInBanner);
    m_signInButton->setObjectName(QStringLiteral("signInAgain"));
    auto* signInLayout = new QHBoxLayout(m_signInBanner);
    signInLayout->setContentsMargins(12, 6, 8, 6);
    signInLayout->addWidget(m_signInText, 1);
    signInLayout->addWidget(m_signInButton);
    m_signInBanner->setVisible(false);
    connect(m_signInButton, &QPushButton::clicked, this, [this] {
        if (!m_refused.isEmpty()) {
            openSettings()->reauthenticate(m_refused.constFirst().first);
        }
    });

    m_pendingBar = new QPushButton(this);
    m_pendingBar->setObjectName(QStringLiteral("pendingBar"));
    m_pendingBar->setFlat(true);
    m_pendingBar->setVisible(false);
    m_pendingBar->setCursor(Qt::PointingHandCursor);
    connect(m_pendingBar, &QPushButton::clicked, this, [this] {
        m_inbox->applyPending();
        m_list->scrollToTop();
    });
    connect(m_inbox, &models::InboxModel::pendingCountChanged, this, &MainWindow::updatePendingBar);

    m_listTitle = new QLabel(this);
    m_listTitle->setObjectName(QStringLiteral("listTitle"));
    QFont titleFont = m_listTitle->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.15);
    m_listTitle->setFont(titleFont);
    m_listTitle->setContentsMargins(12, 10, 12, 6);

    auto* centre = new QWidget(this);
    auto* centreLayout = new QVBoxLayout(centre);
    centreLayout->setContentsMargins(0, 0, 0, 0);
    centreLayout->setSpacing(0);
    centreLayout->addWidget(m_banner);
    centreLayout->addWidget(m_signInBanner);
    centreLayout->addWidget(m_listTitle);
    centreLayout->addWidget(m_pendingBar);
    centreLayout->addWidget(m_list, 1);
    m_toast = new Toast(centre);
    connect(m_toast, &Toast::actionTriggered, this, &MainWindow::undoLast);

    // Right: the item.
    m_pane = new ItemPane(this);
    m_pane->setNow(m_now);
    connect(m_pane, &ItemPane::statusRequested, this, &MainWindow::setCurrentStatus);
    connect(m_pane, &ItemPane::replyRequested, this, &MainWindow::sendReply);
    connect(m_pane, &ItemPane::assignRequested, this, &MainWindow::assignSelected);
    connect(m_pane, &ItemPane::tagAddRequested, this, &MainWindow::addTagToCurrent);
    connect(m_pane, &ItemPane::tagRemoveRequested, this, [this](const QString& tag) {
        const qint64 id = m_pane->itemId();
        m_store.writer().submit([id, tag](store::Database& db, store::ChangeSet& changes) {
            return store::TagRepository::remove(db, id, tag, changes);
        });
    });
    connect(m_pane, &ItemPane::noteAddRequested, this, &MainWindow::addNoteToCurrent);
    connect(m_pane, &ItemPane::noteRemoveRequested, this, [this](qint64 noteId) {
        if (m_dialogs.confirm(this, tr("Delete the note"), tr("Delete this internal note?"), tr("Delete"))) {
            m_store.writer().submit([noteId](store::Database& db, store::ChangeSet& changes) {
                return store::NoteRepository::remove(db, noteId, changes);
            });
        }
    });
    connect(m_pane, &ItemPane::moderationRequested, this, &MainWindow::moderate);

    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->setObjectName(QStringLiteral("mainSplitter"));
    m_splitter->setChildrenCollapsible(false);
    m_splitter->addWidget(m_tree);
    m_splitter->addWidget(centre);
    m_splitter->addWidget(m_pane);
    m_splitter->setStretchFactor(0, 0);
    m_splitter->setStretchFactor(1, 3);
    m_splitter->setStretchFactor(2, 2);
    // The centre is the inbox or the dashboard.
    m_dashboard = new DashboardView(m_store, m_dialogs, m_now, this);
    connect(m_dashboard, &DashboardView::itemsRequested, this, &MainWindow::showItems);
    connect(m_dashboard, &DashboardView::exportRequested, this, &MainWindow::exportReport);
    connect(m_dashboardButton, &QToolButton::toggled, this, &MainWindow::showDashboard);
    connect(m_search, &QLineEdit::textEdited, this, [this] { showDashboard(false); });
    m_pages = new QStackedWidget(this);
    m_pages->setObjectName(QStringLiteral("pages"));
    m_pages->addWidget(m_splitter);
    m_pages->addWidget(m_dashboard);
    setCentralWidget(m_pages);

    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this, &MainWindow::onViewChanged);
    connect(m_list->selectionModel(), &QItemSelectionModel::currentChanged, this, &MainWindow::onCurrentChanged);
    connect(m_list->selectionModel(), &QItemSelectionModel::selectionChanged, this, &MainWindow::onSelectionChanged);

    // Bottom: the outbox, opened from the toolbar.
    m_outboxPanel = new OutboxPanel(m_store, m_sync, m_dialogs, this);
    connect(m_outboxPanel, &OutboxPanel::message, this, [this](const QString& text) {
        statusBar()->showMessage(text, 4000);
        refreshPane();
    });
    m_outboxDock = new QDockWidget(this);
    m_outboxDock->setObjectName(QStringLiteral("outboxDock"));
    m_outboxDock->setWidget(m_outboxPanel);
    m_outboxDock->setAllowedAreas(Qt::BottomDockWidgetArea | Qt::RightDockWidgetArea);
    addDockWidget(Qt::BottomDockWidgetArea, m_outboxDock);
    m_outboxDock->hide();
    connect(m_outboxButton, &QToolButton::toggled, m_outboxDock, &QDockWidget::setVisible);
    connect(m_outboxDock, &QDockWidget::visibilityChanged, this, [this](bool) {
        const QSignalBlocker block(m_outboxButton);
        m_outboxButton->setChecked(!m_outboxDock->isHidden());
    });
    connect(&m_outboxPanel->model(), &models::OutboxModel::pendingCountChanged, this, &MainWindow::updateOutboxButton);

    statusBar()->setSizeGripEnabled(true);
    resize(1280, 800);
}

void MainWindow::applyTheme() {
    const QPalette pal = palette();
    QPalette bannerPal = m_banner->palette();
    bannerPal.setColor(QPalette::Window, Palette::tint(pal, Palette::warning(pal), 0.16));
    m_banner->setPalette(bannerPal);
    QPalette signInPal = m_signInBanner->palette();
    signInPal.setColor(QPalette::Window, Palette::tint(pal, Palette::negative(pal), 0.18));
    m_signInBanner->setPalette(signInPal);
    QPalette treePal = m_tree->palette();
    treePal.setColor(QPalette::Base, pal.color(QPalette::Window));
    m_tree->setPalette(treePal);
    QPalette emptyPal = m_emptyLabel->palette();
    emptyPal.setColor(QPalette::WindowText, Palette::muted(pal));
    m_emptyLabel->setPalette(emptyPal);
    QPalette pendingPal = m_pendingBar->palette();
    pendingPal.setColor(QPalette::ButtonText, pal.color(QPalette::Link));
    m_pendingBar->setPalette(pendingPal);
    m_syncButton->setIcon(Palette::themedIcon(QStringLiteral("sync"), pal.color(QPalette::ButtonText)));
    if (!m_searchIcon) {
        m_searchIcon = m_search->addAction(QIcon(), QLineEdit::LeadingPosition);
    }
    m_searchIcon->setIcon(Palette::themedIcon(QStringLiteral("search"), Palette::muted(pal)));
    m_toast->applyLook();
}

void MainWindow::retranslate() {
    setWindowTitle(m_demo ? tr("Baton — demo") : tr("Baton"));
    m_search->setPlaceholderText(tr("Search people and messages  ( / )"));
    const int sort = std::max(0, m_sort->currentIndex());
    m_sort->clear();
    m_sort->addItems({tr("Newest first"), tr("Oldest first"), tr("Most negative"), tr("Waiting longest")});
    m_sort->setCurrentIndex(sort);
    m_sort->setToolTip(tr("Order of the list"));
    m_bannerText->setText(tr("Demo data: Baton is syncing from its built-in sandbox. Nothing here is real and "
                             "nothing leaves this computer."));
    m_bannerButton->setText(tr("Add a real account…"));
    updateSignInBanner();
    updateSyncButton();
    updateOutboxButton();
    m_dashboardButton->setText(tr("Dashboard"));
    m_dashboardButton->setToolTip(tr("Figures and charts of your communities (Ctrl+D)"));
    m_reportsButton->setText(tr("Reports"));
    m_reportsButton->menu()->clear();
    m_reportsButton->menu()->addAction(tr("Export…"), this, &MainWindow::exportReport);
    m_outboxDock->setWindowTitle(tr("Outbox"));
    updateEmptyState();
    updatePendingBar(m_inbox->pendingCount());
}

void MainWindow::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
    } else if (event->type() == QEvent::PaletteChange) {
        applyTheme();
    }
    QMainWindow::changeEvent(event);
}

void MainWindow::restoreState() {
    QSettings settings;
    settings.beginGroup(QStringLiteral("mainWindow"));
    if (!restoreGeometry(settings.value(QStringLiteral("geometry")).toByteArray())) {
        resize(1280, 800);
    }
    QMainWindow::restoreState(settings.value(QStringLiteral("state")).toByteArray());
    if (!m_splitter->restoreState(settings.value(QStringLiteral("splitter")).toByteArray())) {
        const int total = 1280;
        m_splitter->setSizes({220, total - 220 - total * 2 / 5, total * 2 / 5});
    }
    m_sort->setCurrentIndex(settings.value(QStringLiteral("sort"), 0).toInt());
    const QString view = settings.value(QStringLiteral("view"), QStringLiteral("all")).toString();
    const QJsonObject filters =
        QJsonDocument::fromJson(settings.value(QStringLiteral("filters")).toByteArray()).object();
    settings.endGroup();
    loadSavedViews();
    selectView(view);
    if (!m_tree->currentIndex().isValid()) {
        selectView(QStringLiteral("all"));
    }
    // The bar as it was when the window closed, which may refine the view further.
    const models::FilterChoice choice = models::FilterChoice::fromJson(filters);
    if (!(choice == m_filterBar->choice())) {
        m_filterBar->setChoice(choice);
        applyFilter();
    }
}

void MainWindow::saveState() {
    QSettings settings;
    settings.beginGroup(QStringLiteral("mainWindow"));
    settings.setValue(QStringLiteral("geometry"), saveGeometry());
    settings.setValue(QStringLiteral("state"), QMainWindow::saveState());
    settings.setValue(QStringLiteral("splitter"), m_splitter->saveState());
    settings.setValue(QStringLiteral("sort"), m_sort->currentIndex());
    settings.setValue(QStringLiteral("view"), currentViewKey());
    settings.setValue(QStringLiteral("filters"),
                      QJsonDocument(m_filterBar->choice().toJson()).toJson(QJsonDocument::Compact));
    settings.endGroup();
}

void MainWindow::loadSavedViews() {
    m_savedViews.clear();
    QList<models::SourcesModel::SavedView> views;
    const QJsonArray stored =
        QJsonDocument::fromJson(QSettings().value(QStringLiteral("views/saved")).toByteArray()).array();
    for (const QJsonValue& v : stored) {
        const QJsonObject o = v.toObject();
        const QString key = o.value(QStringLiteral("key")).toString();
        SavedViewDef def{o.value(QStringLiteral("name")).toString(), o.value(QStringLiteral("base")).toString(),
                         models::FilterChoice::fromJson(o.value(QStringLiteral("filters")).toObject()),
                         o.value(QStringLiteral("search")).toString()};
        if (!key.startsWith(QLatin1String("saved:")) || def.name.isEmpty()) {
            continue;
        }
        models::ViewFilter f = m_sources->filterFor(m_sources->indexOfKey(def.base));
        def.choice.applyTo(f.sql, m_now());
        f.sql.search = def.search;
        views.append({key, def.name, f});
        m_savedViews.insert(key, def);
    }
    const QString current = currentViewKey();
    const QSignalBlocker block(m_tree->selectionModel());
    m_sources->setSavedViews(views);
    const QModelIndex again = m_sources->indexOfKey(current);
    if (again.isValid()) {
        m_tree->setCurrentIndex(again);
    }
}

QString MainWindow::saveCurrentView(const QString& name) {
    QString base = currentViewKey();
    if (const auto it = m_savedViews.constFind(base); it != m_savedViews.cend()) {
        base = it->base;
    }
    if (base.isEmpty()) {
        base = QStringLiteral("all");
    }
    const QString key = QStringLiteral("saved:%1").arg(QDateTime::currentMSecsSinceEpoch());
    QSettings settings;
    QJsonArray stored = QJsonDocument::fromJson(settings.value(QStringLiteral("views/saved")).toByteArray()).array();
    QJsonObject o;
    o.insert(QStringLiteral("key"), key);
    o.insert(QStringLiteral("name"), name);
    o.insert(QStringLiteral("base"), base);
    o.insert(QStringLiteral("filters"), m_filterBar->choice().toJson());
    o.insert(QStringLiteral("search"), m_search->text().trimmed());
    stored.append(o);
    settings.setValue(QStringLiteral("views/saved"), QJsonDocument(stored).toJson(QJsonDocument::Compact));
    loadSavedViews();
    selectView(key);
    statusBar()->showMessage(tr("Saved the view “%1”").arg(name), 4000);
    return key;
}

void MainWindow::deleteSavedView(const QString& key) {
    QSettings settings;
    QJsonArray stored = QJsonDocument::fromJson(settings.value(QStringLiteral("views/saved")).toByteArray()).array();
    for (qsizetype i = stored.size() - 1; i >= 0; --i) {
        if (stored.at(i).toObject().value(QStringLiteral("key")).toString() == key) {
            stored.removeAt(i);
        }
    }
    settings.setValue(QStringLiteral("views/saved"), QJsonDocument(stored).toJson(QJsonDocument::Compact));
    const bool wasCurrent = currentViewKey() == key;
    loadSavedViews();
    if (wasCurrent || !m_tree->currentIndex().isValid()) {
        selectView(QStringLiteral("all"));
    }
}

void MainWindow::showSourcesMenu(const QPoint& pos) {
    const QString key = m_tree->indexAt(pos).data(models::ViewIdRole).toString();
    if (!m_savedViews.contains(key)) {
        return;
    }
    QMenu menu(this);
    menu.addAction(tr("Delete the view “%1”").arg(m_savedViews.value(key).name), this,
                   [this, key] { deleteSavedView(key); });
    menu.exec(m_tree->viewport()->mapToGlobal(pos));
}

void MainWindow::onViewChanged() {
    m_searchDelay->stop();
    // A saved view brings back its own filters and search; any other view starts with a clear bar.
    const auto it = m_savedViews.constFind(currentViewKey());
    if (it != m_savedViews.cend()) {
        m_filterBar->setChoice(it->choice);
        const QSignalBlocker block(m_search);
        m_search->setText(it->search);
    } else {
        m_filterBar->setChoice({});
    }
    applyFilter();
}

void MainWindow::closeEvent(QCloseEvent* event) {
    saveState();
    QMainWindow::closeEvent(event);
}

void MainWindow::selectView(const QString& key) {
    const QModelIndex idx = m_sources->indexOfKey(key);
    if (idx.isValid()) {
        m_tree->setCurrentIndex(idx);
    }
}

QString MainWindow::currentViewKey() const {
    return m_tree->currentIndex().data(models::ViewIdRole).toString();
}

qint64 MainWindow::currentItemId() const {
    return m_list->currentIndex().data(models::ItemIdRole).toLongLong();
}

void MainWindow::applyFilter() {
    // A saved view is its base view refined again with its bar, now (so "today" is today).
    const auto saved = m_savedViews.constFind(currentViewKey());
    models::ViewFilter f = m_sources->filterFor(saved != m_savedViews.cend() ? m_sources->indexOfKey(saved->base)
                                                                             : m_tree->currentIndex());
    m_filterBar->choice().applyTo(f.sql, m_now());
    f.sql.search = m_search->text().trimmed();
    m_delegate->setSearchTerms(models::searchTerms(f.sql.search));
    // The view's own order (most negative first for "Negative") unless the user chose one.
    static const store::InboxSort sorts[] = {store::InboxSort::Newest, store::InboxSort::Oldest,
                                             store::InboxSort::MostNegative, store::InboxSort::WaitingLongest};
    if (m_sort->currentIndex() > 0 || f.sql.sort == store::InboxSort::Newest) {
        f.sql.sort = sorts[std::clamp(m_sort->currentIndex(), 0, 3)];
    }
    m_listTitle->setText(m_tree->currentIndex().isValid() ? m_tree->currentIndex().data().toString() : tr("All"));
    const qint64 keep = currentItemId();
    m_inbox->setFilter(f);
    m_inbox->setAtTop(true);
    const int row = keep ? m_inbox->rowOf(keep) : -1;
    if (row >= 0) {
        m_list->setCurrentIndex(m_inbox->index(row));
    } else {
        onCurrentChanged();
    }
    updateEmptyState();
}

void MainWindow::onCurrentChanged() {
    refreshPane();
    askModerationActions();
}

void MainWindow::onSelectionChanged() {
    const qsizetype selected = m_list->selectionModel()->selectedRows().size();
    if (selected > 1) {
        m_pane->showSelection(static_cast<int>(selected));
    } else {
        m_marking = m_marking && selected == 1;
        refreshPane();
    }
}

void MainWindow::refreshPane() {
    const qsizetype selected = m_list->selectionModel()->selectedRows().size();
    if (selected > 1) {
        m_pane->showSelection(static_cast<int>(selected));
        return;
    }
    const qint64 id = currentItemId();
    m_pane->showDetails(id ? models::loadItemDetails(m_store.reader(), id) : std::nullopt);
}

void MainWindow::moveCurrent(int delta, bool select) {
    const int rows = m_inbox->rowCount();
    if (rows == 0) {
        return;
    }
    const QModelIndex cur = m_list->currentIndex();
    int row = cur.isValid() ? cur.row() + delta : 0;
    if (row >= rows && m_inbox->canFetchMore({})) {
        m_inbox->fetchMore({});
    }
    row = std::clamp(row, 0, m_inbox->rowCount() - 1);
    const QModelIndex next = m_inbox->index(row);
    m_list->selectionModel()->setCurrentIndex(next, select && !m_marking ? QItemSelectionModel::ClearAndSelect
                                                                         : QItemSelectionModel::NoUpdate);
    m_list->scrollTo(next);
}

void MainWindow::updateEmptyState() {
    if (!m_emptyLabel) {
        return;
    }
    const bool empty = m_inbox->rowCount() == 0;
    if (empty) {
        QString text;
        if (!m_search->text().trimmed().isEmpty()) {
            text = tr("Nothing matches “%1”.").arg(m_search->text().trimmed());
        } else if (m_accountNames.isEmpty() && store::AccountRepository::list(m_store.reader()).isEmpty()) {
            text = tr("Add an account, or try the demo:\nbaton --demo");
        } else if (!m_filterBar->choice().isEmpty()) {
            text = tr("Nothing matches these filters.");
        } else if (currentViewKey() == QLatin1String("needs-reply")) {
            text = tr("No items need a reply. Nice.");
        } else {
            text = tr("Nothing here. Nice.");
        }
        m_emptyLabel->setText(text);
        m_emptyLabel->setGeometry(m_list->viewport()->rect().adjusted(24, 24, -24, -24));
    }
    m_emptyLabel->setVisible(empty);
}

void MainWindow::updatePendingBar(int count) {
    m_pendingBar->setText(tr("%n new item(s) — show", nullptr, count));
    m_pendingBar->setVisible(count > 0);
}

void MainWindow::onAccountStatus(qint64 accountId, const sync::AccountSyncStatus& status) {
    QLabel*& label = m_accountLabels[accountId];
    if (!label) {
        label = new QLabel(this);
        label->setObjectName(QStringLiteral("syncState%1").arg(accountId));
        statusBar()->addPermanentWidget(label);
    }
    QString name = m_accountNames.value(accountId);
    if (name.isEmpty()) {
        const QModelIndex idx = m_sources->indexOfKey(QStringLiteral("account:%1").arg(accountId));
        name = idx.isValid() ? idx.data().toString() : QString::number(accountId);
        m_accountNames.insert(accountId, name);
    }
    label->setText(tr("%1: %2").arg(name, Formatting::syncState(status)));
    // Accounts that are simply up to date are summed up in one label; only those syncing, waiting or failing
    // get their own, so ten healthy accounts do not crowd the bar.
    const bool healthy = status.state == sync::AccountSyncState::Idle;
    m_accountStates.insert(accountId, {healthy, status.finishedAt});
    const bool unreachable = status.state == sync::AccountSyncState::Error &&
                             (status.error.code == ErrorCode::Network || status.error.code == ErrorCode::Timeout);
    if (unreachable) {
        m_unreachable.insert(accountId);
    } else {
        m_unreachable.remove(accountId);
    }
    label->setVisible(!healthy);
    updateSyncSummary();
    QPalette pal = label->palette();
    pal.setColor(QPalette::WindowText, status.state == sync::AccountSyncState::Error ? Palette::negative(palette())
                                       : status.state == sync::AccountSyncState::RateLimited
                                           ? Palette::warning(palette())
                                           : Palette::muted(palette()));
    label->setPalette(pal);
    label->setToolTip(status.state == sync::AccountSyncState::Error ? status.error.toString() : QString());
    updateSyncButton();
}

void MainWindow::updateSignInBanner() {
    m_refused.clear();
    for (const model::Account& a : store::AccountRepository::list(m_store.reader())) {
        if (a.signInRefused()) {
            m_refused.append({a.id, a.name});
        }
    }
    if (m_refused.isEmpty()) {
        m_signInBanner->setVisible(false);
        return;
    }
    QStringList names;
    for (const auto& [id, name] : std::as_const(m_refused)) {
        names << name;
    }
    m_signInText->setText(
        m_refused.size() == 1
            ? tr("%1 can no longer sign in: the network refused its token or password. What Baton holds is kept, "
                 "but nothing new comes in from it until you sign in again.")
                  .arg(names.constFirst())
            : tr("%n accounts can no longer sign in: %1. What Baton holds is kept, but nothing new comes in from "
                 "them until you sign in again.",
                 nullptr, int(m_refused.size()))
                  .arg(QLocale().createSeparatedList(names)));
    m_signInButton->setText(m_refused.size() == 1 ? tr("Sign in again…")
                                                  : tr("Sign in again: %1…").arg(names.constFirst()));
    m_signInBanner->setVisible(true);
}

void MainWindow::updateSyncSummary() {
    if (!m_syncSummary) {
        m_syncSummary = new QLabel(this);
        m_syncSummary->setObjectName(QStringLiteral("syncSummary"));
        statusBar()->insertPermanentWidget(0, m_syncSummary);
        QPalette pal = m_syncSummary->palette();
        pal.setColor(QPalette::WindowText, Palette::muted(palette()));
        m_syncSummary->setPalette(pal);
    }
    int healthy = 0;
    qint64 last = 0;
    QStringList names;
    for (auto it = m_accountStates.cbegin(); it != m_accountStates.cend(); ++it) {
        if (it.value().first) {
            ++healthy;
            last = std::max(last, it.value().second);
            names << m_accountNames.value(it.key());
        }
    }
    names.sort(Qt::CaseInsensitive);
    QString text;
    if (healthy > 0 && last > 0) {
        text = tr("%n account(s) up to date (%1)", nullptr, healthy)
                   .arg(QLocale().toString(QDateTime::fromMSecsSinceEpoch(last).time(), QLocale::ShortFormat));
    } else if (healthy > 0) {
        text = tr("%n account(s) waiting to sync", nullptr, healthy);
    }
    // No account can reach its server: this computer is offline (or its network is). Work goes on locally.
    if (!m_offline) {
        m_offline = new QLabel(this);
        m_offline->setObjectName(QStringLiteral("offlineIndicator"));
        statusBar()->insertPermanentWidget(0, m_offline);
        QPalette pal = m_offline->palette();
        pal.setColor(QPalette::WindowText, Palette::warning(palette()));
        m_offline->setPalette(pal);
    }
    const bool offline = !m_accountStates.isEmpty() && m_unreachable.size() == m_accountStates.size();
    m_offline->setText(tr("● Offline: triage and notes work, replies wait in the outbox"));
    m_offline->setVisible(offline);
    m_syncSummary->setText(text);
    m_syncSummary->setToolTip(names.join(u'\n'));
    m_syncSummary->setVisible(!text.isEmpty());
}

void MainWindow::updateSyncButton() {
    const bool running = m_sync && m_sync->isRunning();
    m_syncButton->setText(running ? tr("Syncing…") : tr("Sync"));
    m_syncButton->setToolTip(m_sync ? tr("Fetch new items from every account now (F5)") : tr("Sync is off"));
    m_syncButton->setEnabled(m_sync && !running);
}

void MainWindow::updateOutboxButton() {
    const int pending = m_outboxPanel->model().pendingCount();
    m_outboxButton->setText(pending > 0 ? tr("Outbox (%1)").arg(pending) : tr("Outbox"));
    m_outboxButton->setToolTip(tr("Replies waiting to go out or that failed: %1").arg(pending));
}

void MainWindow::triggerSync() {
    if (m_sync) {
        m_sync->syncAll();
        updateSyncButton();
    }
}

} // namespace baton::ui

namespace baton::ui {

SettingsDialog* MainWindow::openSettings() {
    if (!m_settings) {
        m_settings = new SettingsDialog(m_store, m_sync, m_dialogs, this);
        m_settings->setAttribute(Qt::WA_DeleteOnClose);
        connect(m_settings, &SettingsDialog::syncIntervalChanged, this, &MainWindow::syncIntervalChanged);
        connect(m_settings, &SettingsDialog::languageChanged, this, &MainWindow::languageChanged);
    }
    m_settings->show();
    m_settings->raise();
    m_settings->activateWindow();
    return m_settings;
}

void MainWindow::notifyArrivals(const store::ChangeSet& changes) {
    if (changes.insertedItems.isEmpty() || isActiveWindow() || !SettingsDialog::notificationsEnabled()) {
        return;
    }
    store::InboxFilter f;
    f.ids = changes.insertedItems;
    f.needsReply = true;
    f.statuses = {model::Status::New};
    if (store::InboxQuery::count(m_store.reader(), f) > 0) {
        QApplication::alert(this);
    }
}

} // namespace baton::ui
