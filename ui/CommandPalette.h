#pragma once

#include <QFrame>
#include <QPointer>

class QAction;
class QLineEdit;
class QListView;
class QSortFilterProxyModel;
class QStandardItemModel;

namespace baton::ui {

// Ctrl+K: every action of the window in a list filtered as you type (case- and accent-insensitive substring).
// Enter runs the selected action, Esc closes. A frame over the top of its parent window, not a separate window.
class CommandPalette final : public QFrame {
    Q_OBJECT
public:
    explicit CommandPalette(QWidget* window);

    // Lists the window's actions afresh (their text and shortcuts now) and takes the keyboard.
    void open();
    void close();
    QLineEdit* input() const { return m_input; }
    QListView* list() const { return m_list; }
    // The actions shown now, in order.
    QList<QAction*> visibleActions() const;
    // Shown as the action's keys when it has no shortcut of its own (the "g then i" jumps).
    static const char* const kKeysProperty;
    // Set to true on an action the palette leaves out (itself, the "g" prefix).
    static const char* const kHiddenProperty;

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void runCurrent();
    void moveCurrent(int delta);
    void place();

    QLineEdit* m_input = nullptr;
    QListView* m_list = nullptr;
    QStandardItemModel* m_model = nullptr;
    QSortFilterProxyModel* m_proxy = nullptr;
    QPointer<QWidget> m_previousFocus;
};

} // namespace baton::ui
