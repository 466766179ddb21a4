<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
    <context>
        <name>ChartPainter</name>
        <message>
            <source>No items in this period</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>Formatting</name>
        <message>
            <source>now</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%n min</source>
            <translation>
                <numerusform>%n min</numerusform>
                <numerusform>%n min</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n h</source>
            <translation>
                <numerusform>%n h</numerusform>
                <numerusform>%n h</numerusform>
            </translation>
        </message>
        <message>
            <source>yesterday</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>d MMM</source>
            <comment>date format, this year</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>d MMM yyyy</source>
            <comment>date format, another year</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>New</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>In progress</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Waiting</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Done</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Snoozed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Archived</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Spam</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>mention</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>reply</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>comment</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>direct message</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>review</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>post</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>email</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>quote</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>up to date (%1)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>waiting to sync</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>syncing…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>rate limited until %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>error: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>negative</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>positive</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>neutral</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Dismiss the notification</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Mute the author</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Block the author…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Report to the moderators…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Mute the conversation</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Delete our post…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Approve</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Remove…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Remove as spam…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Lock (no more replies)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Ignore reports</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Hide (flag)…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Close the topic…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Hold for review</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Reject…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Ban the author…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Move to a folder…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Mark as spam</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ReportCharts</name>
        <message>
            <source>Incoming items by day</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>items</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>incoming</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Sentiment of incoming items by day</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>negative</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>neutral</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>positive</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>First-response time by day</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>First-response time by day (business hours)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>hours</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>median</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>90th percentile</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Busiest hours of the day</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>hour of the day (%1)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>incoming items</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Top contributors</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ReportExporter</name>
        <message>
            <source>cannot write %1: %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>cannot create the folder</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Weekly engagement report %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Baton · Weekly engagement report · %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Page %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 the week before</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Incoming items</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Replies sent</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Response rate</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Backlog at week end</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Median first response</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>p90 first response</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Negative share</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Positive share</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1: %2 incoming items, against %3 a day usually</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%1: %2 negative, against %3 usually (%n item(s))</source>
            <translation>
                <numerusform>%1: %2 negative, against %3 usually (%n item)</numerusform>
                <numerusform>%1: %2 negative, against %3 usually (%n items)</numerusform>
            </translation>
        </message>
        <message>
            <source>Weekly engagement report</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>All communities</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Communities</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Community</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Network</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Incoming</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Change</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Answered</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Median</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>p90</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Negative</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Backlog</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Spikes</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Most negative</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Most positive</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Waiting longest for a reply</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>unknown author</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>waiting %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 on %2 · first-response times count %3</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1: notable items</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ReportFormat</name>
        <message>
            <source>&lt; 1 min</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 min</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 h %2 min</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 d %2 h</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1%</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>new this week</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>no change</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>= no change</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%n pt(s)</source>
            <translation>
                <numerusform>%n pt</numerusform>
                <numerusform>%n pts</numerusform>
            </translation>
        </message>
        <message>
            <source>Week %1, %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>24/7</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>never staffed</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%n holiday(s) excluded</source>
            <translation>
                <numerusform>%n holiday excluded</numerusform>
                <numerusform>%n holidays excluded</numerusform>
            </translation>
        </message>
        <message>
            <source>▼ negative</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>● neutral</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>▲ positive</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>unscored</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>baton::models::OutboxModel</name>
        <message>
            <source>Queued</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Sending…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Sent</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Failed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Checking whether it was posted</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cancelled</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>(unknown)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1: %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>To</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Text</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>State</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Attempts</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Time</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>baton::models::SourcesModel</name>
        <message>
            <source>Google reviews</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Feeds</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Email</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>All</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Needs reply</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Negative</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Say thanks</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Questions</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Assigned to me</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Snoozed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Done</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%1: %n unread</source>
            <translation>
                <numerusform>%1: %n unread</numerusform>
                <numerusform>%1: %n unread</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n need a reply</source>
            <translation>
                <numerusform>%n needs a reply</numerusform>
                <numerusform>%n need a reply</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>baton::ui::AccountDialog</name>
        <message>
            <source>Add an account</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Re-authenticate %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Network:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>How Baton shows it, e.g. “Support team”</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Name:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Server:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Token:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>System keychain</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A file only you can read, in the profile</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Keep the token in:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Add</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Save the new token</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>An access token: on your server, Preferences → Development → New application (scopes read and write), then “Your access token”.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The feed's address goes in Server; leave the token empty for a public feed.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The access token or app password the network gives for this account.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Checking with the server…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Give the account a name.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The server address must start with https:// (plain http:// only on this computer).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No place to keep the token.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Handle:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>App password:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>An app password, never your main password: in Bluesky, Settings → Privacy and security → App passwords → Add App Password. Baton keeps the session it opens and renews it itself.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Give the account's handle and an app password.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Client id:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Sign in with the browser…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cancel the sign-in</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Your installed app's id, from reddit.com/prefs/apps</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A desktop OAuth client id from the Google Cloud console</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Waiting for the browser… Finish signing in there, then come back here.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>You can close this tab and go back to Baton.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Give the client id of your Reddit installed app (reddit.com/prefs/apps).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Give the client id of a Google desktop OAuth client.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Sign-in cancelled.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Access was refused in the browser. Nothing was stored.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The browser did not come back in time. Nothing was stored; try again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The sign-in failed: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Create an “installed app” on reddit.com/prefs/apps with the redirect uri %1.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The server shows a code to paste instead of coming back</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The code the server shows</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Use this code</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Code:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Waiting for the code… Sign in in the browser, then paste here the code the server shows.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Gmail only: a desktop OAuth client id from the Google Cloud console</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Password:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Address:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The mailbox's address and password (an app password where the provider asks for one). For Gmail, sign in with the browser instead.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Give the mailbox's address first.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Signing in with the browser is offered for Gmail (imaps://imap.gmail.com); give this server's password instead.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Give the mailbox's password, or sign in with the browser (Gmail).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The forum shows a key to paste instead of coming back</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A forum comes back to Baton only if its admin allowed the address http://127.0.0.1 in allowed_user_api_auth_redirects.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Sign in with the browser to get a user API key for your forum account, or paste an admin API key as username:key (Admin → API → New API key).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Key:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The text the forum shows</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Use this key</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Waiting for the key… Approve Baton in the browser, then paste here the whole text the forum shows.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>baton::ui::CommandPalette</name>
        <message>
            <source>Type a command…</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>baton::ui::Composer</name>
        <message>
            <source>Send</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Write a personal reply…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Send the reply (Ctrl+Enter). It waits in the outbox when offline.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Reply to %1 (Ctrl+Enter to send)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 / %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 / %2 (too long for %3)</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>baton::ui::DashboardChart</name>
        <message>
            <source>%1: %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Click to open these items in the inbox</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>baton::ui::DashboardView</name>
        <message>
            <source>Dashboard</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Community</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Period</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Export report…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Write the weekly report (PDF, PNG, SVG, CSV) to a folder</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This week</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Last week</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Last 30 days</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Custom…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Incoming items</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Replies sent</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Response rate</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>First response, median</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>First response, p90</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Backlog</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Negative share</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Items needing a reply that got one, among those received in the period</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Items still waiting for a reply at the end of the period (or now)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Time to the first reply, counted in each community's business hours</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Nine replies in ten came at least this fast</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Negative items among the scored incoming items</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>All communities</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 (%2)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Custom period</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 in the previous period</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 · compared with %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>First-response times count business hours: %1. Click a day in a chart to open its items in the inbox.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 · %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>none in the previous period</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 · %2:00</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>baton::ui::DialogFacade</name>
        <message>
            <source>From</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>To (included)</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>baton::ui::FilterBar</name>
        <message>
            <source>Any network</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Any account</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The view's statuses</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Any kind</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Any sentiment</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>▼ Negative</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>● Neutral</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>▲ Positive</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Any date</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Today</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Last 7 days</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Last 30 days</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Custom range…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Items between</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Anyone</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Me (%1)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Any tag</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No tags yet: press # on an item</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Network</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Account</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Account %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Status</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Kind</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Sentiment</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Date</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>d MMM</source>
            <comment>date format, this year</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 – %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Assignee</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Tag</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Clear filters</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Show everything the view shows</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Save as view…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Keep this view and its filters in the list on the left</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Any community</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No communities yet</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Unassigned</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Community</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Community %1</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>baton::ui::ItemPane</name>
        <message>
            <source>Select an item to read its thread and reply.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Done</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Mark as done (E)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Snooze</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Hide until later (S)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>In 3 hours</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Tomorrow morning</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Next week</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>More</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>In progress</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Waiting for them</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Back to new</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Archive</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Mark as spam…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>to %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>First item from them</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%n earlier items</source>
            <translation>
                <numerusform>%n earlier item</numerusform>
                <numerusform>%n earlier items</numerusform>
            </translation>
        </message>
        <message>
            <source>first seen %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Snoozed until %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Your last reply: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Your reply was sent at %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>You</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>What you do now applies to all of them. Ctrl+Z undoes it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Until tomorrow morning</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Spam…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Assign…</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%n item(s) selected</source>
            <translation>
                <numerusform>%n item selected</numerusform>
                <numerusform>%n items selected</numerusform>
            </translation>
        </message>
        <message>
            <source>On %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Assigned to %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Who takes care of it (A)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Remove the tag</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>+ Tag (#)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Someone</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Delete the note</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Internal notes: only your team sees them</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Add an internal note (only your team sees it)…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Open on the site</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>held for review</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>held as likely spam</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>rejected</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>YouTube takes replies only to published comments: approve this one first (More → Approve).</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>baton::ui::MainWindow</name>
        <message>
            <source>Main</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Baton — demo</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Baton</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Search people and messages  ( / )</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Newest first</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Oldest first</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Most negative</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Waiting longest</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Order of the list</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Demo data: Baton is syncing from its built-in sandbox. Nothing here is real and nothing leaves this computer.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Add a real account…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>All</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Nothing matches “%1”.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Add an account, or try the demo:
baton --demo</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No items need a reply. Nice.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Nothing here. Nice.</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%n new item(s) — show</source>
            <translation>
                <numerusform>%n new item — show</numerusform>
                <numerusform>%n new items — show</numerusform>
            </translation>
        </message>
        <message>
            <source>%1: %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Syncing…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Sync</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Fetch new items from every account now (F5)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Sync is off</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Next item</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Previous item</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Reply</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Done</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Snooze until tomorrow</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Search</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Keyboard shortcuts</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Sync now</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Undo</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Undone</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Back to the list</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Next / previous item</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Enter</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Open the item's thread</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Ctrl+Enter</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Send the reply</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Snooze until tomorrow morning</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Ctrl+Z</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Undo the last change</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Esc</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This list</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Mark as spam</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Mark this item from %1 as spam? It leaves the inbox.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Could not change the status</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not queued: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Reply queued</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Reply sent</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Save as view</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Name of the view:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Saved the view “%1”</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Delete the view “%1”</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Nothing matches these filters.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Delete the note</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Delete this internal note?</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Delete</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Select the next item too</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Select the previous item too</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Select or unselect the item</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Assign</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Tag</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Archive</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Shift+J / Shift+K</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Select the next / previous item too</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>Mark these %n items as spam? They leave the inbox.</source>
            <translation>
                <numerusform>Mark this item as spam? It leaves the inbox.</numerusform>
                <numerusform>Mark these %n items as spam? They leave the inbox.</numerusform>
            </translation>
        </message>
        <message>
            <source>Moved to %1</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%n item(s) moved to %1</source>
            <translation>
                <numerusform>%n item moved to %1</numerusform>
                <numerusform>%n items moved to %1</numerusform>
            </translation>
        </message>
        <message>
            <source>Who takes care of it? Leave empty to unassign.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Could not assign</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%n item(s) unassigned</source>
            <translation>
                <numerusform>%n item unassigned</numerusform>
                <numerusform>%n items unassigned</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n item(s) assigned to %1</source>
            <translation>
                <numerusform>%n item assigned to %1</numerusform>
                <numerusform>%n items assigned to %1</numerusform>
            </translation>
        </message>
        <message>
            <source>Tag this item:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Could not tag the item</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Tagged #%1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Could not add the note</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 (%2)? This happens on %3 and cannot be undone from Baton.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 failed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Done: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Outbox</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Outbox (%1)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Replies waiting to go out or that failed: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Command palette</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Go to a view</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Go to All</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Go to Needs reply</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Go to Snoozed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>G, I</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>G, N</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>G, S</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Ctrl+K</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Command palette: every action, by name</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>G then I / N / S</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Go to All / Needs reply / Snoozed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Settings…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Add an account…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Ctrl+,</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Settings: accounts, sync, notifications, language</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Reason for the moderators (optional):</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Folder:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Export the weekly report</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Week (ISO, e.g. %1):</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>“%1” is not a week. Write it like %2.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Folder for the files:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The report could not be written: %1</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>Wrote %n file(s) for %1 to %2</source>
            <translation>
                <numerusform>Wrote %n file for %1 to %2</numerusform>
                <numerusform>Wrote %n files for %1 to %2</numerusform>
            </translation>
        </message>
        <message>
            <source>Dashboard</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Figures and charts of your communities (Ctrl+D)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Reports</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Export…</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%n account(s) up to date (%1)</source>
            <translation>
                <numerusform>%n account up to date (%1)</numerusform>
                <numerusform>%n accounts up to date (%1)</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n account(s) waiting to sync</source>
            <translation>
                <numerusform>%n account waiting to sync</numerusform>
                <numerusform>%n accounts waiting to sync</numerusform>
            </translation>
        </message>
        <message>
            <source>Export the weekly report…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>● Offline: triage and notes work, replies wait in the outbox</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 can no longer sign in: the network refused its token or password. What Baton holds is kept, but nothing new comes in from it until you sign in again.</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%n accounts can no longer sign in: %1. What Baton holds is kept, but nothing new comes in from them until you sign in again.</source>
            <translation>
                <numerusform>%n account can no longer sign in: %1. What Baton holds is kept, but nothing new comes in from it until you sign in again.</numerusform>
                <numerusform>%n accounts can no longer sign in: %1. What Baton holds is kept, but nothing new comes in from them until you sign in again.</numerusform>
            </translation>
        </message>
        <message>
            <source>Sign in again…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Sign in again: %1…</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>baton::ui::OutboxPanel</name>
        <message>
            <source>Retry now</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Send this reply again now</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Edit…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Change the text of a reply that has not gone out</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cancel…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Do not send this reply</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No replies in the outbox.</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%n reply(ies) sent</source>
            <translation>
                <numerusform>%n reply sent</numerusform>
                <numerusform>%n replies sent</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n reply(ies) could not be sent</source>
            <translation>
                <numerusform>%n reply could not be sent</numerusform>
                <numerusform>%n replies could not be sent</numerusform>
            </translation>
        </message>
        <message>
            <source>Not retried: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Sending the reply again…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Edit the reply</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Reply:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Reply changed; it waits to be sent</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not changed: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cancel the reply</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This reply will not be sent. Cancel it?</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Reply cancelled</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not cancelled: %1</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>baton::ui::SettingsDialog</name>
        <message>
            <source>Settings</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Accounts</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>General</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Account</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Handle</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Health</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Add account…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Re-authenticate…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Sync now</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Remove…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source> min</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Sync every:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Tell me when items that need a reply arrive while Baton is in the background</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Notifications:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The system's (%1)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Language:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Light or dark follows the system's appearance.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Theme:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The server refused the token: re-authenticate</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>error: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>OK</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No accounts yet: add one to start.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Remove %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Remove the account %1 and every item Baton keeps from it? Nothing changes on %2.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Remove</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The account is removed, but its token could not be deleted: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The system's</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 · %2 of %3 quota units left today</source>
            <translation type="unfinished" />
        </message>
    </context>
</TS>
