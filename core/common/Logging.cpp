#include "core/common/Logging.h"

Q_LOGGING_CATEGORY(lcStore, "baton.store", QtWarningMsg)
Q_LOGGING_CATEGORY(lcNet, "baton.net", QtWarningMsg)
Q_LOGGING_CATEGORY(lcSync, "baton.sync", QtWarningMsg)
Q_LOGGING_CATEGORY(lcConnector, "baton.connector", QtWarningMsg)
Q_LOGGING_CATEGORY(lcSandbox, "baton.sandbox", QtWarningMsg)
Q_LOGGING_CATEGORY(lcSecrets, "baton.secrets", QtWarningMsg)
