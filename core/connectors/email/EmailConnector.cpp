#include "core/connectors/email/EmailConnector.h"

#include "core/common/Logging.h"
#include "core/connectors/email/ReplyComposer.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <algorithm>

namespace baton::connectors::email {
namespace {

const QString kInbox = QStringLiteral("INBOX");

// A Message-ID inside an IMAP quoted string: <id>, with quotes and backslashes escaped.
QByteArray quotedId(const QString& id) {
    QByteArray out = "\"<";
    for (const char c : id.toUtf8()) {
        if (c == '"' || c == '\\') {
            out += '\\';
        }
        out += c;
    }
    return out + ">\"";
}

bool isSynthetic(const QString& id) {
    return id.endsWith(QLatin1String("@no-message-id.baton.invalid"));
}

// The folder and UID an item's imap:// URL names (RFC 5092: /FOLDER;UIDVALIDITY=v/;UID=u).
QString folderFromUrl(const QString& url, quint32* uid) {
    const QUrl u(url);
    QString path = u.path(QUrl::FullyEncoded);
    if (path.startsWith(u'/')) {
        path.remove(0, 1);
    }
    const qsizetype uidAt = path.indexOf(QLatin1String("/;UID="), 0, Qt::CaseInsensitive);
    if (uid && uidAt >= 0) {
        *uid = path.mid(uidAt + 6).section(u';', 0, 0).section(u'/', 0, 0).toUInt();
    }
    if (uidAt >= 0) {
        path.truncate(uidAt);
    }
    if (const qsizetype semi = path.indexOf(u';'); semi >= 0) {
        path.truncate(semi);
    }
    return decodeMailboxName(QByteArray::fromPercentEncoding(path.toLatin1()));
}

} // namespace

Expected<Credentials, Error> parseCredentials(const QString& token) {
    const QString t = token.trimmed();
    Credentials c;
    if (t.startsWith(u'{')) {
        QJsonParseError pe;
        const QJsonObject o = QJsonDocument::fromJson(t.toUtf8(), &pe).object();
        if (pe.error != QJsonParseError::NoError) {
            return unexpected(Error{ErrorCode::InvalidArgument,
                                    QStringLiteral("the email token is not valid JSON: %1").arg(pe.errorString())});
        }
        c.user = o.value(QLatin1String("user")).toString();
        c.password = o.value(QLatin1String("password")).toString();
        c.oauthBearer = o.value(QLatin1String("oauth2")).toString();
        if (c.oauthBearer.isEmpty()) { // a renewable grant (see GoogleGrant) names it access_token
            c.oauthBearer = o.value(QLatin1String("access_token")).toString();
        }
        c.smtpUrl = o.value(QLatin1String("smtp_url")).toString();
        c.from = o.value(QLatin1String("from")).toString();
    } else {
        const qsizetype colon = t.indexOf(u':');
        if (colon > 0) {
            c.user = t.left(colon);
            c.password = t.mid(colon + 1);
        }
    }
    if (c.user.isEmpty() || (c.password.isEmpty() && c.oauthBearer.isEmpty())) {
        return unexpected(Error{ErrorCode::InvalidArgument,
                                QStringLiteral("the email token must be \"user:password\" or JSON with \"user\" and "
                                               "\"password\", \"oauth2\" or \"access_token\"")});
    }
    return c;
}

EmailConnector::EmailConnector(model::Account account, QString token, net::NetworkEngine& engine)
    : m_account(std::move(account))
    , m_credentials(parseCredentials(token))
    , m_engine(engine) {
}

QString EmailConnector::cursorText(quint32 uidValidity, quint32 lastUid) {
    return QStringLiteral("%1:%2").arg(uidValidity).arg(lastUid);
}

bool EmailConnector::parseCursor(const QString& cursor, quint32* uidValidity, quint32* lastUid) {
    const QStringList parts = cursor.split(u':');
    if (parts.size() != 2) {
        return false;
    }
    bool ok1 = false;
    bool ok2 = false;
    *uidValidity = parts[0].toUInt(&ok1);
    *lastUid = parts[1].toUInt(&ok2);
    return ok1 && ok2;
}

QStringList EmailConnector::streams() const {
    QStringList out;
    for (const QJsonValue& v : m_account.settings.value(QLatin1String("folders")).toArray()) {
        if (!v.toString().isEmpty() && !out.contains(v.toString())) {
            out.append(v.toString());
        }
    }
    return out.isEmpty() ? QStringList{kInbox} : out;
}

QString EmailConnector::ownAddress() const {
    QString a = m_account.settings.value(QLatin1String("address")).toString();
    if (a.isEmpty() && m_credentials) {
        a = !m_credentials->from.isEmpty() ? m_credentials->from
                                           : (m_credentials->user.contains(u'@') ? m_credentials->user : QString());
    }
    return a;
}

Error EmailConnector::describe(const Error& e, const QString& what) const {
    Error out = e;
    QString detail = e.detail;
    if (e.code == ErrorCode::Unauthorized) {
        detail =
            m_credentials && !m_credentials->oauthBearer.isEmpty()
                ? QStringLiteral("the mail server refused the OAuth token (XOAUTH2); sign in again (%1)").arg(e.detail)
                : QStringLiteral("the mail server refused the login; check the user name and password (%1)")
                      .arg(e.detail);
    }
    out.detail = QStringLiteral("%1: %2: %3").arg(m_account.name, what, detail);
    return out;
}

Error EmailConnector::credentialsError() const {
    return describe(m_credentials.error(), QStringLiteral("credentials"));
}

net::Request EmailConnector::mailRequest(const QString& url) const {
    net::Request r;
    r.url = QUrl::fromEncoded(url.toUtf8());
    if (m_credentials) {
        r.username = m_credentials->user;
        r.password = m_credentials->password;
        r.oauthBearer = m_credentials->oauthBearer;
    }
    r.limiterKey = QStringLiteral("email:%1").arg(m_account.id);
    r.timeoutMs = 60000;
    return r;
}

QString EmailConnector::folderUrl(const QString& folder) const {
    QString base = m_account.baseUrl;
    while (base.endsWith(u'/')) {
        base.chop(1);
    }
    return folder.isEmpty() ? QString(base + u'/') : QString(base + u'/' + mailboxUrlPath(folder));
}

QString EmailConnector::messageUrl(const QString& folder, quint32 uidValidity, quint32 uid) const {
    if (uidValidity == 0) {
        return folderUrl(folder) + QStringLiteral("/;UID=%1").arg(uid);
    }
    // libcurl checks the UIDVALIDITY when it selects the folder and fails if it changed.
    return folderUrl(folder) + QStringLiteral(";UIDVALIDITY=%1/;UID=%2").arg(uidValidity).arg(uid);
}

ItemContext EmailConnector::itemContext(const QString& folder, const QString& url) const {
    ItemContext ctx;
    ctx.accountId = m_account.id;
    ctx.ownAddress = ownAddress();
    ctx.folder = folder;
    ctx.url = url;
    ctx.fallbackTime = QDateTime::currentMSecsSinceEpoch();
    return ctx;
}

QString EmailConnector::sentFolder() const {
    const QString special = m_folders ? specialFolder(*m_folders, QStringLiteral("\\sent")) : QString();
    return special.isEmpty() ? QStringLiteral("Sent") : special;
}

void EmailConnector::imap(const QString& folder, const QByteArray& command, bool retrySafe, QObject* context,
                          BytesCallback done) {
    net::Request r = mailRequest(folderUrl(folder));
    r.mailCommand = command;
    r.retrySafe = retrySafe;
    const QString what = command.isEmpty() ? QStringLiteral("IMAP LIST")
                                           : QStringLiteral("IMAP %1").arg(QString::fromUtf8(command.left(40)));
    m_engine.send(std::move(r), context, [this, done = std::move(done), what](net::Result res) {
        if (!res) {
            done(unexpected(describe(res.error(), what)));
            return;
        }
        done(std::move(res->body));
    });
}

void EmailConnector::imapSynced(const QString& folder, const QByteArray& command, QObject* context,
                                BytesCallback done) {
    // libcurl keeps the connection, and with it the selected folder, between requests: a server does not show
    // mail delivered since it was selected until the session syncs. NOOP makes it sync (or libcurl selects the
    // folder afresh), so the command that follows sees the folder as it is now.
    imap(folder, "NOOP", true, context,
         [this, folder, command, context, done = std::move(done)](Expected<QByteArray, Error> synced) mutable {
             if (!synced) {
                 done(unexpected(synced.error()));
                 return;
             }
             imap(folder, command, true, context, std::move(done));
         });
}

void EmailConnector::withFolders(QObject* context, std::function<void(Expected<QList<MailboxInfo>, Error>)> done) {
    if (m_folders) {
        done(*m_folders);
        return;
    }
    // A bare server URL makes libcurl LIST every mailbox.
    imap(QString(), QByteArray(), true, context, [this, done = std::move(done)](Expected<QByteArray, Error> body) {
        if (!body) {
            done(unexpected(body.error()));
            return;
        }
        m_folders = std::make_shared<QList<MailboxInfo>>(parseList(*body));
        done(*m_folders);
    });
}

void EmailConnector::verify(QObject* context, Callback<AccountInfo> done) {
    if (!m_credentials) {
        done(unexpected(credentialsError()));
        return;
    }
    m_folders.reset();
    withFolders(context, [this, done = std::move(done)](Expected<QList<MailboxInfo>, Error> folders) {
        if (!folders) {
            done(unexpected(folders.error()));
            return;
        }
        const QString address = ownAddress().isEmpty() ? m_credentials->user : ownAddress();
        done(AccountInfo{address, address, address});
    });
}

void EmailConnector::fetchMessages(const QString& folder, quint32 uidValidity, QList<quint32> uids, QObject* context,
                                   MessagesCallback done) {
    struct Job {
        QList<quint32> uids;
        qsizetype next = 0;
        QList<QPair<quint32, QByteArray>> out;
        MessagesCallback done;
        std::function<void()> step;
    };
    auto job = std::make_shared<Job>();
    job->uids = std::move(uids);
    job->done = std::move(done);
    // One message at a time over the one connection libcurl keeps for the account.
    job->step = [this, job, folder, uidValidity, context]() {
        if (job->next >= job->uids.size()) {
            auto finish = std::move(job->done);
            auto out = std::move(job->out);
            job->step = nullptr; // breaks the self-reference
            finish(std::move(out));
            return;
        }
        const quint32 uid = job->uids[job->next++];
        net::Request r = mailRequest(messageUrl(folder, uidValidity, uid));
        m_engine.send(std::move(r), context, [this, job, uid, folder](net::Result res) {
            if (!res) {
                // Expunged between the search and the fetch: nothing to store. A changed UIDVALIDITY fails the
                // page instead, and the next sync starts the folder again.
                if (res.error().code == ErrorCode::NotFound &&
                    !res.error().detail.contains(QLatin1String("UIDVALIDITY"), Qt::CaseInsensitive)) {
                    qCInfo(lcConnector) << "email: UID" << uid << "vanished from" << folder;
                    job->step();
                    return;
                }
                auto finish = std::move(job->done);
                job->step = nullptr;
                finish(unexpected(describe(res.error(), QStringLiteral("IMAP FETCH %1 UID %2").arg(folder).arg(uid))));
                return;
            }
            job->out.append({uid, std::move(res->body)});
            job->step();
        });
    };
    job->step();
}

void EmailConnector::fetchPage(const store::SyncState& state, QObject* context, Callback<Page> done) {
    if (!m_credentials) {
        done(unexpected(credentialsError()));
        return;
    }
    const QString folder = state.stream;
    const QByteArray statusCommand = "STATUS " + quoteMailbox(folder) + " (UIDVALIDITY UIDNEXT MESSAGES)";
    imapSynced(folder, statusCommand, context, [this, state, folder, context, done](Expected<QByteArray, Error> b) {
        if (!b) {
            done(unexpected(b.error()));
            return;
        }
        auto status = parseStatus(*b);
        if (!status) {
            done(unexpected(describe(status.error(), QStringLiteral("IMAP STATUS %1").arg(folder))));
            return;
        }
        quint32 validity = 0;
        quint32 last = 0;
        if (parseCursor(state.cursor, &validity, &last) && validity != status->uidValidity) {
            qCInfo(lcConnector) << "email:" << folder << "UIDVALIDITY changed from" << validity << "to"
                                << status->uidValidity << "- reading the folder again";
            last = 0;
        }
        validity = status->uidValidity;
        Page page;
        page.endpoint = QStringLiteral("IMAP %1").arg(folder);
        page.state = state;
        page.state.backfillDone = true;
        if (status->uidNext != 0 && status->uidNext <= last + 1) {
            page.state.cursor = cursorText(validity, last);
            done(std::move(page));
            return;
        }
        const QByteArray search = "UID SEARCH UID " + QByteArray::number(last + 1) + ":*";
        imap(folder, search, true, context,
             [this, folder, validity, last, context, done, page](Expected<QByteArray, Error> found) mutable {
                 if (!found) {
                     done(unexpected(found.error()));
                     return;
                 }
                 QList<quint32> uids;
                 for (const quint32 uid : parseSearch(*found)) {
                     if (uid > last && !uids.contains(uid)) { // "n:*" always includes the highest UID
                         uids.append(uid);
                     }
                 }
                 std::sort(uids.begin(), uids.end());
                 page.more = uids.size() > kPageSize;
                 uids = uids.mid(0, kPageSize);
                 const quint32 newest = uids.isEmpty() ? last : uids.last();
                 fetchMessages(folder, validity, uids, context,
                               [this, folder, validity, newest, done,
                                page](Expected<QList<QPair<quint32, QByteArray>>, Error> messages) mutable {
                                   if (!messages) {
                                       done(unexpected(messages.error()));
                                       return;
                                   }
                                   QSet<QString> seen;
                                   for (const auto& [uid, raw] : std::as_const(*messages)) {
                                       QString problem;
                                       model::Item item = messageToItem(
                                           raw, itemContext(folder, messageUrl(folder, validity, uid)), &problem);
                                       if (!problem.isEmpty()) {
                                           qCWarning(lcConnector).noquote() << m_account.name << folder << "UID" << uid
                                                                            << "kept as raw text:" << problem;
                                       }
                                       if (seen.contains(item.remoteId)) {
                                           continue; // the same message delivered twice
                                       }
                                       seen.insert(item.remoteId);
                                       page.items.append(std::move(item));
                                   }
                                   page.state.cursor = cursorText(validity, newest);
                                   done(std::move(page));
                               });
             });
    });
}

void EmailConnector::searchMessageId(const QString& folder, const QString& messageId, QObject* context,
                                     std::function<void(Expected<QList<quint32>, Error>)> done) {
    imapSynced(folder, "UID SEARCH HEADER Message-ID " + quotedId(messageId), context,
               [done = std::move(done)](Expected<QByteArray, Error> b) {
                   if (!b) {
                       done(unexpected(b.error()));
                       return;
                   }
                   done(parseSearch(*b));
               });
}

void EmailConnector::findMessage(const QStringList& folders, const QString& messageId, QObject* context,
                                 std::function<void(Expected<std::pair<QString, QByteArray>, Error>)> done) {
    if (folders.isEmpty()) {
        done(unexpected(describe(Error{ErrorCode::NotFound, QStringLiteral("no folder holds it any more")},
                                 QStringLiteral("message <%1>").arg(messageId))));
        return;
    }
    const QString folder = folders.first();
    const QStringList rest = folders.mid(1);
    searchMessageId(folder, messageId, context,
                    [this, folder, rest, messageId, context, done](Expected<QList<quint32>, Error> uids) {
                        if (!uids && uids.error().code != ErrorCode::NotFound &&
                            uids.error().code != ErrorCode::HttpClient) {
                            done(unexpected(uids.error())); // login, network: no point asking other folders
                            return;
                        }
                        if (!uids || uids->isEmpty()) {
                            // A folder that cannot be selected is skipped like one without the message.
                            findMessage(rest, messageId, context, done);
                            return;
                        }
                        net::Request r = mailRequest(folderUrl(folder) + QStringLiteral("/;UID=%1").arg(uids->last()));
                        m_engine.send(std::move(r), context, [this, folder, done](net::Result res) {
                            if (!res) {
                                done(unexpected(describe(res.error(), QStringLiteral("IMAP FETCH %1").arg(folder))));
                                return;
                            }
                            done(std::make_pair(folder, std::move(res->body)));
                        });
                    });
}

void EmailConnector::fetchThread(const model::Item& item, QObject* context, Callback<QList<model::Item>> done) {
    if (!m_credentials) {
        done(unexpected(credentialsError()));
        return;
    }
    const QString root = item.threadRemoteId.isEmpty() ? item.remoteId : item.threadRemoteId;
    withFolders(context, [this, item, root, context, done](Expected<QList<MailboxInfo>, Error> folders) {
        if (!folders) {
            done(unexpected(folders.error()));
            return;
        }
        QString folder = folderFromUrl(item.url, nullptr);
        if (folder.isEmpty()) {
            folder = item.communityRemoteId.isEmpty() ? kInbox : item.communityRemoteId;
        }
        QStringList where{folder};
        if (sentFolder() != folder) {
            where.append(sentFolder()); // our own answers live there
        }
        struct Job {
            QStringList folders;
            QList<model::Item> items;
            std::function<void()> step;
        };
        auto job = std::make_shared<Job>();
        job->folders = where;
        // Every message whose References start at the root, plus the root itself, in each folder.
        job->step = [this, job, root, context, done]() {
            if (job->folders.isEmpty()) {
                job->step = nullptr;
                done(std::move(job->items));
                return;
            }
            const QString f = job->folders.takeFirst();
            const QByteArray query =
                "UID SEARCH OR HEADER Message-ID " + quotedId(root) + " HEADER References " + quotedId(root);
            imapSynced(f, query, context, [this, job, f, context, done](Expected<QByteArray, Error> b) {
                if (!b) {
                    job->step = nullptr;
                    done(unexpected(b.error()));
                    return;
                }
                QList<quint32> uids = parseSearch(*b);
                std::sort(uids.begin(), uids.end());
                quint32 validity = 0; // unknown here: fetch without the guard
                fetchMessages(f, validity, uids, context,
                              [this, job, f, done](Expected<QList<QPair<quint32, QByteArray>>, Error> messages) {
                                  if (!messages) {
                                      job->step = nullptr;
                                      done(unexpected(messages.error()));
                                      return;
                                  }
                                  for (const auto& [uid, raw] : std::as_const(*messages)) {
                                      const QString url = folderUrl(f) + QStringLiteral("/;UID=%1").arg(uid);
                                      job->items.append(messageToItem(raw, itemContext(f, url)));
                                  }
                                  job->step();
                              });
            });
        };
        job->step();
    });
}

void EmailConnector::postReply(const model::OutboxEntry& entry, QObject* context, Callback<model::Item> done) {
    if (!m_credentials) {
        done(unexpected(credentialsError()));
        return;
    }
    const QString from = ownAddress();
    if (from.isEmpty()) {
        done(unexpected(describe(
            Error{ErrorCode::InvalidArgument, QStringLiteral("no sender address: set \"from\" in the token or use an "
                                                             "address as the user name")},
            QStringLiteral("reply"))));
        return;
    }
    const QString ourId = replyMessageId(entry.idempotencyKey, from);
    withFolders(context, [this, entry, from, ourId, context, done](Expected<QList<MailboxInfo>, Error> folders) {
        if (!folders) {
            done(unexpected(folders.error()));
            return;
        }
        const QString sent = sentFolder();
        // 1. Sent already (an earlier attempt whose answer was lost)? Then that copy is the reply.
        searchMessageId(
            sent, ourId, context,
            [this, entry, from, ourId, sent, folders, context, done](Expected<QList<quint32>, Error> already) {
                if (already && !already->isEmpty()) {
                    findMessage({sent}, ourId, context,
                                [this, sent, done](Expected<std::pair<QString, QByteArray>, Error> copy) {
                                    if (!copy) {
                                        done(unexpected(copy.error()));
                                        return;
                                    }
                                    model::Item item = messageToItem(copy->second, itemContext(sent, QString()));
                                    item.direction = model::Direction::Outgoing;
                                    qCInfo(lcConnector)
                                        << "email: reply" << item.remoteId << "was sent before; not resent";
                                    done(std::move(item));
                                });
                    return;
                }
                // 2. The message answered: its References, subject and Reply-To shape the reply.
                QStringList where = streams();
                for (const MailboxInfo& m : std::as_const(*folders)) {
                    if (!where.contains(m.name) && !m.flags.contains(QStringLiteral("\\noselect"))) {
                        where.append(m.name);
                    }
                }
                findMessage(
                    where, entry.parentRemoteId, context,
                    [this, entry, from, ourId, sent, context,
                     done](Expected<std::pair<QString, QByteArray>, Error> parentRaw) {
                        if (!parentRaw) {
                            done(unexpected(parentRaw.error()));
                            return;
                        }
                        auto parent = parseMessage(parentRaw->second);
                        if (!parent) {
                            done(unexpected(describe(parent.error(), QStringLiteral("the message replied to"))));
                            return;
                        }
                        ReplyDraft draft;
                        draft.from.address = from;
                        draft.text = entry.text;
                        draft.messageId = ourId;
                        draft.dateMs = QDateTime::currentMSecsSinceEpoch();
                        const ComposedReply reply = composeReply(*parent, draft);
                        if (reply.recipients.isEmpty()) {
                            done(unexpected(describe(Error{ErrorCode::InvalidArgument,
                                                           QStringLiteral("the message has no sender to answer")},
                                                     QStringLiteral("reply"))));
                            return;
                        }
                        // 3. SMTP. Never repeated by the engine: a lost answer must not send twice.
                        QString smtp = m_account.settings.value(QLatin1String("smtp_url")).toString();
                        if (smtp.isEmpty()) {
                            smtp = m_credentials->smtpUrl;
                        }
                        if (smtp.isEmpty()) {
                            const QUrl imapUrl(m_account.baseUrl);
                            const bool tls = imapUrl.scheme() == QLatin1String("imaps");
                            smtp = QStringLiteral("%1://%2:%3")
                                       .arg(tls ? QStringLiteral("smtps") : QStringLiteral("smtp"), imapUrl.host(),
                                            QString::number(tls ? 465 : 587));
                        }
                        net::Request r = mailRequest(smtp);
                        r.mailFrom = reply.sender;
                        r.mailRecipients = reply.recipients;
                        r.body = reply.message;
                        r.upload = true;
                        r.retrySafe = false;
                        const QByteArray message = reply.message;
                        m_engine.send(std::move(r), context, [this, message, sent, context, done](net::Result res) {
                            if (!res) {
                                done(unexpected(describe(res.error(), QStringLiteral("SMTP send"))));
                                return;
                            }
                            model::Item item = messageToItem(message, itemContext(sent, QString()));
                            item.direction = model::Direction::Outgoing;
                            // 4. The record in Sent that a retry looks for.
                            net::Request append = mailRequest(folderUrl(sent));
                            append.body = message;
                            append.upload = true;
                            append.retrySafe = false;
                            m_engine.send(std::move(append), context, [this, item, done](net::Result a) {
                                if (!a) {
                                    qCWarning(lcConnector).noquote()
                                        << describe(a.error(), QStringLiteral("IMAP APPEND to Sent")).toString();
                                }
                                done(item);
                            });
                        });
                    });
            });
    });
}

QList<ModerationAction> EmailConnector::moderationActions(const model::Item& item) const {
    if (item.direction == model::Direction::Outgoing) {
        return {ModerationAction::MoveToFolder};
    }
    return {ModerationAction::MoveToFolder, ModerationAction::MarkSpam};
}

void EmailConnector::moveMessage(const model::Item& item, const QString& target, QObject* context,
                                 Callback<bool> done) {
    quint32 urlUid = 0;
    QString folder = folderFromUrl(item.url, &urlUid);
    if (folder.isEmpty()) {
        folder = item.communityRemoteId.isEmpty() ? kInbox : item.communityRemoteId;
    }
    if (folder == target) {
        done(true);
        return;
    }
    auto move = [this, folder, target, context, done](quint32 uid) {
        const QByteArray uidText = QByteArray::number(uid);
        const QByteArray moveCommand = "UID MOVE " + uidText + ' ' + quoteMailbox(target);
        imap(folder, moveCommand, false, context,
             [this, folder, target, uidText, moveCommand, context, done](Expected<QByteArray, Error> moved) {
                 if (moved) {
                     done(true);
                     return;
                 }
                 // The target may not exist yet ([TRYCREATE]), or the server may lack MOVE (RFC 6851): create
                 // the folder (an error if it exists is fine), then MOVE again, else COPY + delete + EXPUNGE.
                 imap(QString(), "CREATE " + quoteMailbox(target), false, context,
                      [this, folder, target, uidText, moveCommand, context, done](Expected<QByteArray, Error>) {
                          imap(folder, moveCommand, false, context,
                               [this, folder, target, uidText, context, done](Expected<QByteArray, Error> again) {
                                   if (again) {
                                       done(true);
                                       return;
                                   }
                                   imap(folder, "UID COPY " + uidText + ' ' + quoteMailbox(target), false, context,
                                        [this, folder, uidText, context, done](Expected<QByteArray, Error> copied) {
                                            if (!copied) {
                                                done(unexpected(copied.error()));
                                                return;
                                            }
                                            imap(folder, "UID STORE " + uidText + " +FLAGS.SILENT (\\Deleted)", false,
                                                 context,
                                                 [this, folder, uidText, context,
                                                  done](Expected<QByteArray, Error> flagged) {
                                                     if (!flagged) {
                                                         done(unexpected(flagged.error()));
                                                         return;
                                                     }
                                                     imap(folder, "UID EXPUNGE " + uidText, false, context,
                                                          [done](Expected<QByteArray, Error> gone) {
                                                              if (!gone) {
                                                                  done(unexpected(gone.error()));
                                                                  return;
                                                              }
                                                              done(true);
                                                          });
                                                 });
                                        });
                               });
                      });
             });
    };
    if (isSynthetic(item.remoteId)) {
        if (urlUid == 0) {
            done(unexpected(describe(Error{ErrorCode::InvalidArgument, QStringLiteral("the message's UID is unknown")},
                                     QStringLiteral("move"))));
            return;
        }
        move(urlUid);
        return;
    }
    // By Message-ID rather than the stored UID, which a UIDVALIDITY change would have made stale.
    searchMessageId(
        folder, item.remoteId, context, [this, folder, item, move, done](Expected<QList<quint32>, Error> uids) {
            if (!uids) {
                done(unexpected(uids.error()));
                return;
            }
            if (uids->isEmpty()) {
                done(unexpected(
                    describe(Error{ErrorCode::NotFound, QStringLiteral("the message is no longer in %1").arg(folder)},
                             QStringLiteral("move <%1>").arg(item.remoteId))));
                return;
            }
            move(uids->last());
        });
}

void EmailConnector::moderate(ModerationAction action, const model::Item& item, const QString& comment,
                              QObject* context, Callback<bool> done) {
    if (!m_credentials) {
        done(unexpected(credentialsError()));
        return;
    }
    if (action == ModerationAction::MoveToFolder) {
        const QString target = comment.trimmed();
        if (target.isEmpty()) {
            done(unexpected(Error{ErrorCode::InvalidArgument, QStringLiteral("move: which folder? (--comment)")}));
            return;
        }
        moveMessage(item, target, context, std::move(done));
        return;
    }
    if (action == ModerationAction::MarkSpam) {
        withFolders(context, [this, item, context, done](Expected<QList<MailboxInfo>, Error> folders) {
            if (!folders) {
                done(unexpected(folders.error()));
                return;
            }
            QString junk = specialFolder(*folders, QStringLiteral("\\junk"));
            if (junk.isEmpty()) {
                junk = QStringLiteral("Junk");
            }
            moveMessage(item, junk, context, done);
        });
        return;
    }
    done(unexpected(Error{ErrorCode::InvalidArgument,
                          QStringLiteral("email does not support \"%1\"").arg(moderationActionName(action))}));
}

} // namespace baton::connectors::email
