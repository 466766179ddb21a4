#!/usr/bin/env bash
# A private Postfix + Dovecot pair on 127.0.0.1 for the email integration test. Nothing under /etc is touched:
# every file (configuration, queue, mailboxes, logs, pids) lives in MAIL_DIR, and both servers listen on free
# loopback ports only. Postfix delivers to Dovecot over LMTP; mail for any other domain is refused.
#
#   MAIL_DIR=/tmp/x mailserver.sh start   # writes $MAIL_DIR/ports.env (IMAP_PORT, SMTP_PORT, LMTP_PORT,
#                                         # AUTH_PORT), waits
#   MAIL_DIR=/tmp/x mailserver.sh stop
#   mailserver.sh check                   # exit 0 when the server binaries are installed
#
# Users (passwd-file): alice@example.test and bob@example.test, password "secret". Folders INBOX, Sent, Junk,
# Archive and Trash exist from the start. Postfix offers SMTP AUTH through Dovecot's SASL service (AUTH_PORT).
# With OAUTH2_INTROSPECTION_URL set, both also take SASL XOAUTH2: Dovecot's oauth2 passdb checks each bearer token
# by POSTing it to that RFC 7662 introspection URL and expects {"active": true, "username": "<user>"}.
# Postfix needs root (its master process and the postfix user);
# Dovecot's mail processes then run as the "mail" user, since Dovecot refuses uid 0.
set -euo pipefail

MAIL_DIR="${MAIL_DIR:-}"
OAUTH2_INTROSPECTION_URL="${OAUTH2_INTROSPECTION_URL:-}"
POSTFIX=/usr/sbin/postfix
DOVECOT=/usr/sbin/dovecot

die() {
  echo "mailserver: $*" >&2
  exit 1
}

have_binaries() {
  [ -x "$POSTFIX" ] && [ -x "$DOVECOT" ] && [ -x /usr/lib/dovecot/imap ] && [ -x /usr/lib/dovecot/lmtp ]
}

port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

free_port() {
  local p
  for _ in $(seq 1 200); do
    p=$((20000 + RANDOM % 40000))
    if ! port_in_use "$p" && ! grep -qw "$p" "$MAIL_DIR/ports.taken" 2>/dev/null; then
      echo "$p" >>"$MAIL_DIR/ports.taken"
      echo "$p"
      return 0
    fi
  done
  die "no free loopback port found"
}

# Waits until a server greets on the port with the expected prefix.
wait_greeting() {
  local port="$1" prefix="$2" line
  for _ in $(seq 1 100); do
    if exec 3<>"/dev/tcp/127.0.0.1/$port" 2>/dev/null; then
      line=""
      IFS= read -r -t 2 line <&3 || true
      exec 3<&- 3>&-
      case "$line" in "$prefix"*) return 0 ;; esac
    fi
    sleep 0.1
  done
  return 1
}

write_dovecot() {
  local d="$MAIL_DIR/dovecot" uid gid user
  mkdir -p "$d/run" "$d/state" "$MAIL_DIR/vmail"
  if [ "$(id -u)" -eq 0 ]; then
    user=mail
  else
    user="$(id -un)"
  fi
  uid="$(id -u "$user")"
  gid="$(id -g "$user")"
  chown "$uid:$gid" "$MAIL_DIR/vmail"
  chmod 0755 "$MAIL_DIR"
  : >"$d/users"
  for who in alice bob; do
    echo "$who@example.test:{PLAIN}secret:$uid:$gid::$MAIL_DIR/vmail/$who@example.test" >>"$d/users"
  done
  chmod 0644 "$d/users"
  local mechanisms="plain login" oauth2_passdb=""
  if [ -n "$OAUTH2_INTROSPECTION_URL" ]; then
    mechanisms="plain login xoauth2"
    oauth2_passdb="passdb {
  driver = oauth2
  mechanisms = xoauth2
  args = $d/oauth2.conf.ext
}"
    cat >"$d/oauth2.conf.ext" <<EOF
introspection_mode = post
introspection_url = $OAUTH2_INTROSPECTION_URL
username_attribute = username
active_attribute = active
active_value = true
EOF
  fi
  cat >"$d/dovecot.conf" <<EOF
base_dir = $d/run
state_dir = $d/state
instance_name = baton-mail-$IMAP_PORT
protocols = imap lmtp
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = $mechanisms
log_path = $d/dovecot.log
first_valid_uid = $uid
last_valid_uid = 0
mail_location = maildir:~/Maildir
mail_privileged_group =
lmtp_save_to_detail_mailbox = no
recipient_delimiter =
postmaster_address = postmaster@example.test
protocol imap {
  mail_plugins =
}
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u $d/users
}
$oauth2_passdb
userdb {
  driver = passwd-file
  args = username_format=%u $d/users
}
namespace inbox {
  inbox = yes
  separator = /
  mailbox Sent {
    special_use = \\Sent
    auto = subscribe
  }
  mailbox Junk {
    special_use = \\Junk
    auto = subscribe
  }
  mailbox Archive {
    special_use = \\Archive
    auto = subscribe
  }
  mailbox Trash {
    special_use = \\Trash
    auto = subscribe
  }
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = $IMAP_PORT
  }
  inet_listener imaps {
    port = 0
  }
}
service lmtp {
  inet_listener lmtp {
    address = 127.0.0.1
    port = $LMTP_PORT
  }
}
service auth {
  unix_listener auth-userdb {
    mode = 0666
  }
  inet_listener auth-sasl {
    address = 127.0.0.1
    port = $AUTH_PORT
  }
}
EOF
  if [ "$(id -u)" -ne 0 ]; then
    # Unprivileged: every Dovecot process runs as the current user.
    cat >>"$d/dovecot.conf" <<EOF
default_login_user = $user
default_internal_user = $user
EOF
  fi
}

write_postfix() {
  local p="$MAIL_DIR/postfix"
  mkdir -p "$p/spool" "$p/data"
  chown postfix "$p/data"
  cat >"$p/main.cf" <<EOF
compatibility_level = 3.6
queue_directory = $p/spool
data_directory = $p/data
command_directory = /usr/sbin
daemon_directory = /usr/lib/postfix/sbin
mail_owner = postfix
setgid_group = postdrop
myhostname = mail.example.test
mydomain = example.test
myorigin = example.test
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
mynetworks = 127.0.0.0/8
mydestination =
local_recipient_maps =
alias_maps =
alias_database =
virtual_mailbox_domains = example.test
virtual_transport = lmtp:inet:127.0.0.1:$LMTP_PORT
default_transport = error:mail leaves only for example.test in tests
relay_transport = error:mail leaves only for example.test in tests
smtpd_relay_restrictions = permit_mynetworks, permit_sasl_authenticated, reject_unauth_destination
smtpd_sasl_auth_enable = yes
smtpd_sasl_type = dovecot
smtpd_sasl_path = inet:127.0.0.1:$AUTH_PORT
smtpd_sasl_security_options = noanonymous
smtpd_tls_security_level = none
smtpd_banner = \$myhostname ESMTP
biff = no
smtputf8_enable = no
maillog_file = $p/postfix.log
maillog_file_prefixes = $p
EOF
  # Debian's stock service table, without chroot (the queue is private) and with smtpd on our port.
  awk -v port="$SMTP_PORT" '
    /^#/ || /^[ \t]/ || NF == 0 { print; next }
    $1 == "smtp" && $2 == "inet" { $1 = "127.0.0.1:" port }
    NF >= 8 && $5 == "y" { $5 = "n" }
    { print }' /usr/share/postfix/master.cf.dist >"$p/master.cf"
}

start() {
  have_binaries || die "postfix and dovecot (dovecot-imapd, dovecot-lmtpd) are not installed"
  [ "$(id -u)" -eq 0 ] || die "Postfix needs root to start its master process"
  [ -n "$MAIL_DIR" ] || MAIL_DIR="$(mktemp -d /tmp/baton-mail.XXXXXX)"
  mkdir -p "$MAIL_DIR"
  MAIL_DIR="$(cd "$MAIL_DIR" && pwd)"
  rm -f "$MAIL_DIR/ports.taken"
  IMAP_PORT="$(free_port)"
  SMTP_PORT="$(free_port)"
  LMTP_PORT="$(free_port)"
  AUTH_PORT="$(free_port)"
  write_dovecot
  write_postfix
  # The daemons must not inherit our stdout: a caller reading it would otherwise wait for them to exit.
  "$DOVECOT" -c "$MAIL_DIR/dovecot/dovecot.conf" </dev/null >"$MAIL_DIR/dovecot/start.log" 2>&1 || die "dovecot did not start (see $MAIL_DIR/dovecot/dovecot.log)"
  # Postfix prints fatal configuration errors only on a terminal; `check` also creates the queue folders.
  "$POSTFIX" -c "$MAIL_DIR/postfix" check </dev/null >"$MAIL_DIR/postfix/check.log" 2>&1 ||
    die "postfix check failed: $(cat "$MAIL_DIR/postfix/check.log")"
  "$POSTFIX" -c "$MAIL_DIR/postfix" start </dev/null >"$MAIL_DIR/postfix/start.log" 2>&1 ||
    die "postfix did not start: $(cat "$MAIL_DIR/postfix/start.log")"
  wait_greeting "$IMAP_PORT" "* OK" || die "dovecot does not answer on 127.0.0.1:$IMAP_PORT"
  wait_greeting "$SMTP_PORT" "220" || die "postfix does not answer on 127.0.0.1:$SMTP_PORT"
  cat >"$MAIL_DIR/ports.env" <<EOF
IMAP_PORT=$IMAP_PORT
SMTP_PORT=$SMTP_PORT
LMTP_PORT=$LMTP_PORT
AUTH_PORT=$AUTH_PORT
MAIL_DIR=$MAIL_DIR
EOF
  cat "$MAIL_DIR/ports.env"
}

stop() {
  [ -n "$MAIL_DIR" ] && [ -d "$MAIL_DIR" ] || die "MAIL_DIR is not set"
  if [ -f "$MAIL_DIR/postfix/main.cf" ]; then
    "$POSTFIX" -c "$MAIL_DIR/postfix" stop >/dev/null 2>&1 || true
  fi
  local pidfile="$MAIL_DIR/dovecot/run/master.pid" pid
  if [ -f "$pidfile" ]; then
    pid="$(cat "$pidfile")"
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
  fi
  # Postfix's master exits a moment after "stop"; wait for its pid file lock to go.
  local mpid="$MAIL_DIR/postfix/spool/pid/master.pid"
  if [ -f "$mpid" ]; then
    pid="$(tr -d ' ' <"$mpid")"
    for _ in $(seq 1 50); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
  fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  check) have_binaries ;;
  *)
    echo "usage: MAIL_DIR=DIR $0 start|stop|check" >&2
    exit 2
    ;;
esac
