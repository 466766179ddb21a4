<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
    <context>
        <name>ChartPainter</name>
        <message>
            <source>No items in this period</source>
            <translation>Aucun élément sur cette période</translation>
        </message>
    </context>
    <context>
        <name>Formatting</name>
        <message>
            <source>now</source>
            <translation>à l’instant</translation>
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
            <translation>hier</translation>
        </message>
        <message>
            <source>d MMM</source>
            <comment>date format, this year</comment>
            <translation>d MMM</translation>
        </message>
        <message>
            <source>d MMM yyyy</source>
            <comment>date format, another year</comment>
            <translation>d MMM yyyy</translation>
        </message>
        <message>
            <source>New</source>
            <translation>Nouveau</translation>
        </message>
        <message>
            <source>In progress</source>
            <translation>En cours</translation>
        </message>
        <message>
            <source>Waiting</source>
            <translation>En attente</translation>
        </message>
        <message>
            <source>Done</source>
            <translation>Traité</translation>
        </message>
        <message>
            <source>Snoozed</source>
            <translation>En pause</translation>
        </message>
        <message>
            <source>Archived</source>
            <translation>Archivé</translation>
        </message>
        <message>
            <source>Spam</source>
            <translation>Indésirable</translation>
        </message>
        <message>
            <source>mention</source>
            <translation>mention</translation>
        </message>
        <message>
            <source>reply</source>
            <translation>réponse</translation>
        </message>
        <message>
            <source>comment</source>
            <translation>commentaire</translation>
        </message>
        <message>
            <source>direct message</source>
            <translation>message privé</translation>
        </message>
        <message>
            <source>review</source>
            <translation>avis</translation>
        </message>
        <message>
            <source>post</source>
            <translation>publication</translation>
        </message>
        <message>
            <source>email</source>
            <translation>e-mail</translation>
        </message>
        <message>
            <source>quote</source>
            <translation>citation</translation>
        </message>
        <message>
            <source>up to date (%1)</source>
            <translation>à jour (%1)</translation>
        </message>
        <message>
            <source>waiting to sync</source>
            <translation>synchronisation à venir</translation>
        </message>
        <message>
            <source>syncing…</source>
            <translation>synchronisation…</translation>
        </message>
        <message>
            <source>rate limited until %1</source>
            <translation>limite de débit jusqu’à %1</translation>
        </message>
        <message>
            <source>error: %1</source>
            <translation>erreur : %1</translation>
        </message>
        <message>
            <source>negative</source>
            <translation>négatif</translation>
        </message>
        <message>
            <source>positive</source>
            <translation>positif</translation>
        </message>
        <message>
            <source>neutral</source>
            <translation>neutre</translation>
        </message>
        <message>
            <source>Dismiss the notification</source>
            <translation>Ignorer la notification</translation>
        </message>
        <message>
            <source>Mute the author</source>
            <translation>Masquer l’auteur</translation>
        </message>
        <message>
            <source>Block the author…</source>
            <translation>Bloquer l’auteur…</translation>
        </message>
        <message>
            <source>Report to the moderators…</source>
            <translation>Signaler aux modérateurs…</translation>
        </message>
        <message>
            <source>Mute the conversation</source>
            <translation>Masquer la conversation</translation>
        </message>
        <message>
            <source>Delete our post…</source>
            <translation>Supprimer notre publication…</translation>
        </message>
        <message>
            <source>Approve</source>
            <translation>Approuver</translation>
        </message>
        <message>
            <source>Remove…</source>
            <translation>Retirer…</translation>
        </message>
        <message>
            <source>Remove as spam…</source>
            <translation>Retirer comme indésirable…</translation>
        </message>
        <message>
            <source>Lock (no more replies)</source>
            <translation>Verrouiller (plus de réponses)</translation>
        </message>
        <message>
            <source>Ignore reports</source>
            <translation>Ignorer les signalements</translation>
        </message>
        <message>
            <source>Hide (flag)…</source>
            <translation>Masquer (signaler)…</translation>
        </message>
        <message>
            <source>Close the topic…</source>
            <translation>Fermer le sujet…</translation>
        </message>
        <message>
            <source>Hold for review</source>
            <translation>Mettre en attente de validation</translation>
        </message>
        <message>
            <source>Reject…</source>
            <translation>Rejeter…</translation>
        </message>
        <message>
            <source>Ban the author…</source>
            <translation>Bannir l’auteur…</translation>
        </message>
        <message>
            <source>Move to a folder…</source>
            <translation>Déplacer vers un dossier…</translation>
        </message>
        <message>
            <source>Mark as spam</source>
            <translation>Marquer comme indésirable</translation>
        </message>
    </context>
    <context>
        <name>ReportCharts</name>
        <message>
            <source>Incoming items by day</source>
            <translation>Éléments reçus par jour</translation>
        </message>
        <message>
            <source>items</source>
            <translation>éléments</translation>
        </message>
        <message>
            <source>incoming</source>
            <translation>reçus</translation>
        </message>
        <message>
            <source>Sentiment of incoming items by day</source>
            <translation>Sentiment par jour</translation>
        </message>
        <message>
            <source>negative</source>
            <translation>négatif</translation>
        </message>
        <message>
            <source>neutral</source>
            <translation>neutre</translation>
        </message>
        <message>
            <source>positive</source>
            <translation>positif</translation>
        </message>
        <message>
            <source>First-response time by day</source>
            <translation>Temps de première réponse par jour</translation>
        </message>
        <message>
            <source>First-response time by day (business hours)</source>
            <translation>Temps de première réponse par jour (heures ouvrées)</translation>
        </message>
        <message>
            <source>hours</source>
            <translation>heures</translation>
        </message>
        <message>
            <source>median</source>
            <translation>médiane</translation>
        </message>
        <message>
            <source>90th percentile</source>
            <translation>90e centile</translation>
        </message>
        <message>
            <source>Busiest hours of the day</source>
            <translation>Heures les plus chargées</translation>
        </message>
        <message>
            <source>hour of the day (%1)</source>
            <translation>heure de la journée (%1)</translation>
        </message>
        <message>
            <source>incoming items</source>
            <translation>éléments reçus</translation>
        </message>
        <message>
            <source>Top contributors</source>
            <translation>Principaux contributeurs</translation>
        </message>
    </context>
    <context>
        <name>ReportExporter</name>
        <message>
            <source>cannot write %1: %2</source>
            <translation>impossible d’écrire %1 : %2</translation>
        </message>
        <message>
            <source>cannot create the folder</source>
            <translation>impossible de créer le dossier</translation>
        </message>
        <message>
            <source>Weekly engagement report %1</source>
            <translation>Rapport d’engagement hebdomadaire %1</translation>
        </message>
        <message>
            <source>Baton · Weekly engagement report · %1</source>
            <translation>Baton · Rapport d’engagement hebdomadaire · %1</translation>
        </message>
        <message>
            <source>Page %1</source>
            <translation>Page %1</translation>
        </message>
        <message>
            <source>%1 the week before</source>
            <translation>%1 la semaine d’avant</translation>
        </message>
        <message>
            <source>Incoming items</source>
            <translation>Éléments reçus</translation>
        </message>
        <message>
            <source>Replies sent</source>
            <translation>Réponses envoyées</translation>
        </message>
        <message>
            <source>Response rate</source>
            <translation>Taux de réponse</translation>
        </message>
        <message>
            <source>Backlog at week end</source>
            <translation>En attente, fin de semaine</translation>
        </message>
        <message>
            <source>Median first response</source>
            <translation>Première réponse, médiane</translation>
        </message>
        <message>
            <source>p90 first response</source>
            <translation>Première réponse, p90</translation>
        </message>
        <message>
            <source>Negative share</source>
            <translation>Part de négatifs</translation>
        </message>
        <message>
            <source>Positive share</source>
            <translation>Part de positifs</translation>
        </message>
        <message>
            <source>%1: %2 incoming items, against %3 a day usually</source>
            <translation>%1 : %2 éléments reçus, contre %3 par jour d’habitude</translation>
        </message>
        <message numerus="yes">
            <source>%1: %2 negative, against %3 usually (%n item(s))</source>
            <translation>
                <numerusform>%1 : %2 de négatifs, contre %3 d’habitude (%n élément)</numerusform>
                <numerusform>%1 : %2 de négatifs, contre %3 d’habitude (%n éléments)</numerusform>
            </translation>
        </message>
        <message>
            <source>Weekly engagement report</source>
            <translation>Rapport d’engagement hebdomadaire</translation>
        </message>
        <message>
            <source>All communities</source>
            <translation>Toutes les communautés</translation>
        </message>
        <message>
            <source>Communities</source>
            <translation>Communautés</translation>
        </message>
        <message>
            <source>Community</source>
            <translation>Communauté</translation>
        </message>
        <message>
            <source>Network</source>
            <translation>Réseau</translation>
        </message>
        <message>
            <source>Incoming</source>
            <translation>Reçus</translation>
        </message>
        <message>
            <source>Change</source>
            <translation>Évolution</translation>
        </message>
        <message>
            <source>Answered</source>
            <translation>Répondu</translation>
        </message>
        <message>
            <source>Median</source>
            <translation>Médiane</translation>
        </message>
        <message>
            <source>p90</source>
            <translation>p90</translation>
        </message>
        <message>
            <source>Negative</source>
            <translation>Négatifs</translation>
        </message>
        <message>
            <source>Backlog</source>
            <translation>En attente</translation>
        </message>
        <message>
            <source>Spikes</source>
            <translation>Pics</translation>
        </message>
        <message>
            <source>Most negative</source>
            <translation>Les plus négatifs</translation>
        </message>
        <message>
            <source>Most positive</source>
            <translation>Les plus positifs</translation>
        </message>
        <message>
            <source>Waiting longest for a reply</source>
            <translation>En attente de réponse depuis le plus longtemps</translation>
        </message>
        <message>
            <source>unknown author</source>
            <translation>auteur inconnu</translation>
        </message>
        <message>
            <source>waiting %1</source>
            <translation>en attente depuis %1</translation>
        </message>
        <message>
            <source>%1 on %2 · first-response times count %3</source>
            <translation>%1 sur %2 · temps de première réponse comptés %3</translation>
        </message>
        <message>
            <source>%1: notable items</source>
            <translation>%1 : éléments notables</translation>
        </message>
    </context>
    <context>
        <name>ReportFormat</name>
        <message>
            <source>&lt; 1 min</source>
            <translation>&lt; 1 min</translation>
        </message>
        <message>
            <source>%1 min</source>
            <translation>%1 min</translation>
        </message>
        <message>
            <source>%1 h %2 min</source>
            <translation>%1 h %2 min</translation>
        </message>
        <message>
            <source>%1 d %2 h</source>
            <translation>%1 j %2 h</translation>
        </message>
        <message>
            <source>%1%</source>
            <translation>%1 %</translation>
        </message>
        <message>
            <source>new this week</source>
            <translation>nouveau cette semaine</translation>
        </message>
        <message>
            <source>no change</source>
            <translation>inchangé</translation>
        </message>
        <message>
            <source>= no change</source>
            <translation>= stable</translation>
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
            <translation>Semaine %1, %2</translation>
        </message>
        <message>
            <source>24/7</source>
            <translation>24 h/24, 7 j/7</translation>
        </message>
        <message>
            <source>never staffed</source>
            <translation>jamais ouvert</translation>
        </message>
        <message numerus="yes">
            <source>%n holiday(s) excluded</source>
            <translation>
                <numerusform>%n jour férié exclu</numerusform>
                <numerusform>%n jours fériés exclus</numerusform>
            </translation>
        </message>
        <message>
            <source>▼ negative</source>
            <translation>▼ négatif</translation>
        </message>
        <message>
            <source>● neutral</source>
            <translation>● neutre</translation>
        </message>
        <message>
            <source>▲ positive</source>
            <translation>▲ positif</translation>
        </message>
        <message>
            <source>unscored</source>
            <translation>sans score</translation>
        </message>
    </context>
    <context>
        <name>baton::models::OutboxModel</name>
        <message>
            <source>Queued</source>
            <translation>En file d’attente</translation>
        </message>
        <message>
            <source>Sending…</source>
            <translation>Envoi…</translation>
        </message>
        <message>
            <source>Sent</source>
            <translation>Envoyée</translation>
        </message>
        <message>
            <source>Failed</source>
            <translation>Échec</translation>
        </message>
        <message>
            <source>Checking whether it was posted</source>
            <translation>Vérification de la publication</translation>
        </message>
        <message>
            <source>Cancelled</source>
            <translation>Annulée</translation>
        </message>
        <message>
            <source>(unknown)</source>
            <translation>(inconnu)</translation>
        </message>
        <message>
            <source>%1: %2</source>
            <translation>%1 : %2</translation>
        </message>
        <message>
            <source>To</source>
            <translation>À</translation>
        </message>
        <message>
            <source>Text</source>
            <translation>Texte</translation>
        </message>
        <message>
            <source>State</source>
            <translation>État</translation>
        </message>
        <message>
            <source>Attempts</source>
            <translation>Tentatives</translation>
        </message>
        <message>
            <source>Time</source>
            <translation>Heure</translation>
        </message>
    </context>
    <context>
        <name>baton::models::SourcesModel</name>
        <message>
            <source>Google reviews</source>
            <translation>Avis Google</translation>
        </message>
        <message>
            <source>Feeds</source>
            <translation>Flux</translation>
        </message>
        <message>
            <source>Email</source>
            <translation>E-mail</translation>
        </message>
        <message>
            <source>All</source>
            <translation>Tout</translation>
        </message>
        <message>
            <source>Needs reply</source>
            <translation>À répondre</translation>
        </message>
        <message>
            <source>Negative</source>
            <translation>Négatifs</translation>
        </message>
        <message>
            <source>Say thanks</source>
            <translation>À remercier</translation>
        </message>
        <message>
            <source>Questions</source>
            <translation>Questions</translation>
        </message>
        <message>
            <source>Assigned to me</source>
            <translation>Assignés à moi</translation>
        </message>
        <message>
            <source>Snoozed</source>
            <translation>En pause</translation>
        </message>
        <message>
            <source>Done</source>
            <translation>Traité</translation>
        </message>
        <message numerus="yes">
            <source>%1: %n unread</source>
            <translation>
                <numerusform>%1 : %n non lu</numerusform>
                <numerusform>%1 : %n non lus</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n need a reply</source>
            <translation>
                <numerusform>%n attend une réponse</numerusform>
                <numerusform>%n attendent une réponse</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>baton::ui::AccountDialog</name>
        <message>
            <source>Add an account</source>
            <translation>Ajouter un compte</translation>
        </message>
        <message>
            <source>Re-authenticate %1</source>
            <translation>Réauthentifier %1</translation>
        </message>
        <message>
            <source>Network:</source>
            <translation>Réseau :</translation>
        </message>
        <message>
            <source>How Baton shows it, e.g. “Support team”</source>
            <translation>Comment Baton l’affiche, par ex. « Équipe support »</translation>
        </message>
        <message>
            <source>Name:</source>
            <translation>Nom :</translation>
        </message>
        <message>
            <source>Server:</source>
            <translation>Serveur :</translation>
        </message>
        <message>
            <source>Token:</source>
            <translation>Jeton :</translation>
        </message>
        <message>
            <source>System keychain</source>
            <translation>Trousseau du système</translation>
        </message>
        <message>
            <source>A file only you can read, in the profile</source>
            <translation>Un fichier lisible par vous seul, dans le profil</translation>
        </message>
        <message>
            <source>Keep the token in:</source>
            <translation>Conserver le jeton dans :</translation>
        </message>
        <message>
            <source>Add</source>
            <translation>Ajouter</translation>
        </message>
        <message>
            <source>Save the new token</source>
            <translation>Enregistrer le nouveau jeton</translation>
        </message>
        <message>
            <source>An access token: on your server, Preferences → Development → New application (scopes read and write), then “Your access token”.</source>
            <translation>Un jeton d’accès : sur votre serveur, Préférences → Développement → Nouvelle application (portées read et write), puis « Votre jeton d’accès ».</translation>
        </message>
        <message>
            <source>The feed's address goes in Server; leave the token empty for a public feed.</source>
            <translation>L’adresse du flux va dans Serveur ; laissez le jeton vide pour un flux public.</translation>
        </message>
        <message>
            <source>The access token or app password the network gives for this account.</source>
            <translation>Le jeton d’accès ou le mot de passe d’application que le réseau donne pour ce compte.</translation>
        </message>
        <message>
            <source>Checking with the server…</source>
            <translation>Vérification auprès du serveur…</translation>
        </message>
        <message>
            <source>Give the account a name.</source>
            <translation>Donnez un nom au compte.</translation>
        </message>
        <message>
            <source>The server address must start with https:// (plain http:// only on this computer).</source>
            <translation>L’adresse du serveur doit commencer par https:// (http:// simple uniquement sur cet ordinateur).</translation>
        </message>
        <message>
            <source>No place to keep the token.</source>
            <translation>Aucun endroit où conserver le jeton.</translation>
        </message>
        <message>
            <source>Handle:</source>
            <translation>Identifiant :</translation>
        </message>
        <message>
            <source>App password:</source>
            <translation>Mot de passe d’application :</translation>
        </message>
        <message>
            <source>An app password, never your main password: in Bluesky, Settings → Privacy and security → App passwords → Add App Password. Baton keeps the session it opens and renews it itself.</source>
            <translation>Un mot de passe d’application, jamais votre mot de passe principal : dans Bluesky, Réglages → Confidentialité et sécurité → Mots de passe d’application → Ajouter. Baton garde la session qu’il ouvre et la renouvelle lui-même.</translation>
        </message>
        <message>
            <source>Give the account's handle and an app password.</source>
            <translation>Indiquez l’identifiant du compte et un mot de passe d’application.</translation>
        </message>
        <message>
            <source>Client id:</source>
            <translation>Identifiant client :</translation>
        </message>
        <message>
            <source>Sign in with the browser…</source>
            <translation>Se connecter avec le navigateur…</translation>
        </message>
        <message>
            <source>Cancel the sign-in</source>
            <translation>Annuler la connexion</translation>
        </message>
        <message>
            <source>Your installed app's id, from reddit.com/prefs/apps</source>
            <translation>L’identifiant de votre application installée, sur reddit.com/prefs/apps</translation>
        </message>
        <message>
            <source>A desktop OAuth client id from the Google Cloud console</source>
            <translation>Un identifiant client OAuth de bureau, depuis la console Google Cloud</translation>
        </message>
        <message>
            <source>Waiting for the browser… Finish signing in there, then come back here.</source>
            <translation>En attente du navigateur… Terminez la connexion là-bas, puis revenez ici.</translation>
        </message>
        <message>
            <source>You can close this tab and go back to Baton.</source>
            <translation>Vous pouvez fermer cet onglet et revenir à Baton.</translation>
        </message>
        <message>
            <source>Give the client id of your Reddit installed app (reddit.com/prefs/apps).</source>
            <translation>Indiquez l’identifiant client de votre application Reddit installée (reddit.com/prefs/apps).</translation>
        </message>
        <message>
            <source>Give the client id of a Google desktop OAuth client.</source>
            <translation>Indiquez l’identifiant d’un client OAuth Google de bureau.</translation>
        </message>
        <message>
            <source>Sign-in cancelled.</source>
            <translation>Connexion annulée.</translation>
        </message>
        <message>
            <source>Access was refused in the browser. Nothing was stored.</source>
            <translation>L’accès a été refusé dans le navigateur. Rien n’a été enregistré.</translation>
        </message>
        <message>
            <source>The browser did not come back in time. Nothing was stored; try again.</source>
            <translation>Le navigateur n’est pas revenu à temps. Rien n’a été enregistré ; réessayez.</translation>
        </message>
        <message>
            <source>The sign-in failed: %1</source>
            <translation>La connexion a échoué : %1</translation>
        </message>
        <message>
            <source>Create an “installed app” on reddit.com/prefs/apps with the redirect uri %1.</source>
            <translation>Créez une « installed app » sur reddit.com/prefs/apps avec l’URI de redirection %1.</translation>
        </message>
        <message>
            <source>The server shows a code to paste instead of coming back</source>
            <translation>Le serveur affiche un code à coller au lieu de revenir</translation>
        </message>
        <message>
            <source>The code the server shows</source>
            <translation>Le code affiché par le serveur</translation>
        </message>
        <message>
            <source>Use this code</source>
            <translation>Utiliser ce code</translation>
        </message>
        <message>
            <source>Code:</source>
            <translation>Code :</translation>
        </message>
        <message>
            <source>Waiting for the code… Sign in in the browser, then paste here the code the server shows.</source>
            <translation>En attente du code… Connectez-vous dans le navigateur, puis collez ici le code affiché par le serveur.</translation>
        </message>
        <message>
            <source>Gmail only: a desktop OAuth client id from the Google Cloud console</source>
            <translation>Gmail seulement : un identifiant client OAuth de bureau, depuis la console Google Cloud</translation>
        </message>
        <message>
            <source>Password:</source>
            <translation>Mot de passe :</translation>
        </message>
        <message>
            <source>Address:</source>
            <translation>Adresse :</translation>
        </message>
        <message>
            <source>The mailbox's address and password (an app password where the provider asks for one). For Gmail, sign in with the browser instead.</source>
            <translation>L’adresse et le mot de passe de la boîte (un mot de passe d’application si le fournisseur en demande un). Pour Gmail, connectez-vous plutôt avec le navigateur.</translation>
        </message>
        <message>
            <source>Give the mailbox's address first.</source>
            <translation>Indiquez d’abord l’adresse de la boîte.</translation>
        </message>
        <message>
            <source>Signing in with the browser is offered for Gmail (imaps://imap.gmail.com); give this server's password instead.</source>
            <translation>La connexion par le navigateur est proposée pour Gmail (imaps://imap.gmail.com) ; indiquez plutôt le mot de passe de ce serveur.</translation>
        </message>
        <message>
            <source>Give the mailbox's password, or sign in with the browser (Gmail).</source>
            <translation>Indiquez le mot de passe de la boîte, ou connectez-vous avec le navigateur (Gmail).</translation>
        </message>
        <message>
            <source>The forum shows a key to paste instead of coming back</source>
            <translation>Le forum affiche une clé à coller au lieu de revenir</translation>
        </message>
        <message>
            <source>A forum comes back to Baton only if its admin allowed the address http://127.0.0.1 in allowed_user_api_auth_redirects.</source>
            <translation>Un forum ne revient à Baton que si son administrateur a autorisé l’adresse http://127.0.0.1 dans allowed_user_api_auth_redirects.</translation>
        </message>
        <message>
            <source>Sign in with the browser to get a user API key for your forum account, or paste an admin API key as username:key (Admin → API → New API key).</source>
            <translation>Connectez-vous avec le navigateur pour obtenir une clé d’API utilisateur pour votre compte du forum, ou collez une clé d’API d’administration sous la forme utilisateur:clé (Admin → API → Nouvelle clé d’API).</translation>
        </message>
        <message>
            <source>Key:</source>
            <translation>Clé :</translation>
        </message>
        <message>
            <source>The text the forum shows</source>
            <translation>Le texte affiché par le forum</translation>
        </message>
        <message>
            <source>Use this key</source>
            <translation>Utiliser cette clé</translation>
        </message>
        <message>
            <source>Waiting for the key… Approve Baton in the browser, then paste here the whole text the forum shows.</source>
            <translation>En attente de la clé… Autorisez Baton dans le navigateur, puis collez ici tout le texte affiché par le forum.</translation>
        </message>
    </context>
    <context>
        <name>baton::ui::CommandPalette</name>
        <message>
            <source>Type a command…</source>
            <translation>Tapez une commande…</translation>
        </message>
    </context>
    <context>
        <name>baton::ui::Composer</name>
        <message>
            <source>Send</source>
            <translation>Envoyer</translation>
        </message>
        <message>
            <source>Write a personal reply…</source>
            <translation>Écrivez une réponse personnelle…</translation>
        </message>
        <message>
            <source>Send the reply (Ctrl+Enter). It waits in the outbox when offline.</source>
            <translation>Envoyer la réponse (Ctrl+Entrée). Hors ligne, elle attend dans la boîte d’envoi.</translation>
        </message>
        <message>
            <source>Reply to %1 (Ctrl+Enter to send)</source>
            <translation>Répondre à %1 (Ctrl+Entrée pour envoyer)</translation>
        </message>
        <message>
            <source>%1 / %2</source>
            <translation>%1 / %2</translation>
        </message>
        <message>
            <source>%1 / %2 (too long for %3)</source>
            <translation>%1 / %2 (trop long pour %3)</translation>
        </message>
    </context>
    <context>
        <name>baton::ui::DashboardChart</name>
        <message>
            <source>%1: %2</source>
            <translation>%1 : %2</translation>
        </message>
        <message>
            <source>Click to open these items in the inbox</source>
            <translation>Cliquer pour ouvrir ces éléments dans la boîte de réception</translation>
        </message>
    </context>
    <context>
        <name>baton::ui::DashboardView</name>
        <message>
            <source>Dashboard</source>
            <translation>Tableau de bord</translation>
        </message>
        <message>
            <source>&amp;Community</source>
            <translation>&amp;Communauté</translation>
        </message>
        <message>
            <source>&amp;Period</source>
            <translation>&amp;Période</translation>
        </message>
        <message>
            <source>Export report…</source>
            <translation>Exporter le rapport…</translation>
        </message>
        <message>
            <source>Write the weekly report (PDF, PNG, SVG, CSV) to a folder</source>
            <translation>Écrire le rapport hebdomadaire (PDF, PNG, SVG, CSV) dans un dossier</translation>
        </message>
        <message>
            <source>This week</source>
            <translation>Cette semaine</translation>
        </message>
        <message>
            <source>Last week</source>
            <translation>Semaine dernière</translation>
        </message>
        <message>
            <source>Last 30 days</source>
            <translation>30 derniers jours</translation>
        </message>
        <message>
            <source>Custom…</source>
            <translation>Personnalisée…</translation>
        </message>
        <message>
            <source>Incoming items</source>
            <translation>Éléments reçus</translation>
        </message>
        <message>
            <source>Replies sent</source>
            <translation>Réponses envoyées</translation>
        </message>
        <message>
            <source>Response rate</source>
            <translation>Taux de réponse</translation>
        </message>
        <message>
            <source>First response, median</source>
            <translation>Première réponse, médiane</translation>
        </message>
        <message>
            <source>First response, p90</source>
            <translation>Première réponse, p90</translation>
        </message>
        <message>
            <source>Backlog</source>
            <translation>En attente</translation>
        </message>
        <message>
            <source>Negative share</source>
            <translation>Part de négatifs</translation>
        </message>
        <message>
            <source>Items needing a reply that got one, among those received in the period</source>
            <translation>Éléments à traiter qui ont reçu une réponse, parmi ceux reçus sur la période</translation>
        </message>
        <message>
            <source>Items still waiting for a reply at the end of the period (or now)</source>
            <translation>Éléments toujours en attente de réponse à la fin de la période (ou maintenant)</translation>
        </message>
        <message>
            <source>Time to the first reply, counted in each community's business hours</source>
            <translation>Délai avant la première réponse, compté dans les heures ouvrées de chaque communauté</translation>
        </message>
        <message>
            <source>Nine replies in ten came at least this fast</source>
            <translation>Neuf réponses sur dix sont arrivées au moins aussi vite</translation>
        </message>
        <message>
            <source>Negative items among the scored incoming items</source>
            <translation>Éléments négatifs parmi les éléments reçus évalués</translation>
        </message>
        <message>
            <source>All communities</source>
            <translation>Toutes les communautés</translation>
        </message>
        <message>
            <source>%1 (%2)</source>
            <translation>%1 (%2)</translation>
        </message>
        <message>
            <source>Custom period</source>
            <translation>Période personnalisée</translation>
        </message>
        <message>
            <source>%1 in the previous period</source>
            <translation>%1 sur la période précédente</translation>
        </message>
        <message>
            <source>%1 · compared with %2</source>
            <translation>%1 · comparé au %2</translation>
        </message>
        <message>
            <source>First-response times count business hours: %1. Click a day in a chart to open its items in the inbox.</source>
            <translation>Les temps de première réponse comptent les heures ouvrées : %1. Cliquez sur un jour d’un graphique pour ouvrir ses éléments dans la boîte de réception.</translation>
        </message>
        <message>
            <source>%1 · %2</source>
            <translation>%1 · %2</translation>
        </message>
        <message>
            <source>none in the previous period</source>
            <translation>aucun sur la période précédente</translation>
        </message>
        <message>
            <source>%1 · %2:00</source>
            <translation>%1 · %2 h</translation>
        </message>
    </context>
    <context>
        <name>baton::ui::DialogFacade</name>
        <message>
            <source>From</source>
            <translation>Du</translation>
        </message>
        <message>
            <source>To (included)</source>
            <translation>Au (inclus)</translation>
        </message>
    </context>
    <context>
        <name>baton::ui::FilterBar</name>
        <message>
            <source>Any network</source>
            <translation>Tous les réseaux</translation>
        </message>
        <message>
            <source>Any account</source>
            <translation>Tous les comptes</translation>
        </message>
        <message>
            <source>The view's statuses</source>
            <translation>Les statuts de la vue</translation>
        </message>
        <message>
            <source>Any kind</source>
            <translation>Tous les types</translation>
        </message>
        <message>
            <source>Any sentiment</source>
            <translation>Tous les sentiments</translation>
        </message>
        <message>
            <source>▼ Negative</source>
            <translation>▼ Négatif</translation>
        </message>
        <message>
            <source>● Neutral</source>
            <translation>● Neutre</translation>
        </message>
        <message>
            <source>▲ Positive</source>
            <translation>▲ Positif</translation>
        </message>
        <message>
            <source>Any date</source>
            <translation>Toutes les dates</translation>
        </message>
        <message>
            <source>Today</source>
            <translation>Aujourd’hui</translation>
        </message>
        <message>
            <source>Last 7 days</source>
            <translation>7 derniers jours</translation>
        </message>
        <message>
            <source>Last 30 days</source>
            <translation>30 derniers jours</translation>
        </message>
        <message>
            <source>Custom range…</source>
            <translation>Période personnalisée…</translation>
        </message>
        <message>
            <source>Items between</source>
            <translation>Éléments entre</translation>
        </message>
        <message>
            <source>Anyone</source>
            <translation>N’importe qui</translation>
        </message>
        <message>
            <source>Me (%1)</source>
            <translation>Moi (%1)</translation>
        </message>
        <message>
            <source>Any tag</source>
            <translation>Toutes les étiquettes</translation>
        </message>
        <message>
            <source>No tags yet: press # on an item</source>
            <translation>Aucune étiquette : appuyez sur # sur un élément</translation>
        </message>
        <message>
            <source>Network</source>
            <translation>Réseau</translation>
        </message>
        <message>
            <source>Account</source>
            <translation>Compte</translation>
        </message>
        <message>
            <source>Account %1</source>
            <translation>Compte %1</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>Statut</translation>
        </message>
        <message>
            <source>Kind</source>
            <translation>Type</translation>
        </message>
        <message>
            <source>Sentiment</source>
            <translation>Sentiment</translation>
        </message>
        <message>
            <source>Date</source>
            <translation>Date</translation>
        </message>
        <message>
            <source>d MMM</source>
            <comment>date format, this year</comment>
            <translation>d MMM</translation>
        </message>
        <message>
            <source>%1 – %2</source>
            <translation>%1 – %2</translation>
        </message>
        <message>
            <source>Assignee</source>
            <translation>Assigné à</translation>
        </message>
        <message>
            <source>Tag</source>
            <translation>Étiquette</translation>
        </message>
        <message>
            <source>Clear filters</source>
            <translation>Effacer les filtres</translation>
        </message>
        <message>
            <source>Show everything the view shows</source>
            <translation>Afficher tout ce que montre la vue</translation>
        </message>
        <message>
            <source>Save as view…</source>
            <translation>Enregistrer la vue…</translation>
        </message>
        <message>
            <source>Keep this view and its filters in the list on the left</source>
            <translation>Garder cette vue et ses filtres dans la liste de gauche</translation>
        </message>
        <message>
            <source>Any community</source>
            <translation>Toute communauté</translation>
        </message>
        <message>
            <source>No communities yet</source>
            <translation>Aucune communauté pour l’instant</translation>
        </message>
        <message>
            <source>Unassigned</source>
            <translation>Non attribué</translation>
        </message>
        <message>
            <source>Community</source>
            <translation>Communauté</translation>
        </message>
        <message>
            <source>Community %1</source>
            <translation>Communauté %1</translation>
        </message>
    </context>
    <context>
        <name>baton::ui::ItemPane</name>
        <message>
            <source>Select an item to read its thread and reply.</source>
            <translation>Sélectionnez un élément pour lire sa conversation et y répondre.</translation>
        </message>
        <message>
            <source>Done</source>
            <translation>Traité</translation>
        </message>
        <message>
            <source>Mark as done (E)</source>
            <translation>Marquer comme traité (E)</translation>
        </message>
        <message>
            <source>Snooze</source>
            <translation>Mettre en pause</translation>
        </message>
        <message>
            <source>Hide until later (S)</source>
            <translation>Masquer jusqu’à plus tard (S)</translation>
        </message>
        <message>
            <source>In 3 hours</source>
            <translation>Dans 3 heures</translation>
        </message>
        <message>
            <source>Tomorrow morning</source>
            <translation>Demain matin</translation>
        </message>
        <message>
            <source>Next week</source>
            <translation>La semaine prochaine</translation>
        </message>
        <message>
            <source>More</source>
            <translation>Plus</translation>
        </message>
        <message>
            <source>In progress</source>
            <translation>En cours</translation>
        </message>
        <message>
            <source>Waiting for them</source>
            <translation>En attente de leur réponse</translation>
        </message>
        <message>
            <source>Back to new</source>
            <translation>Remettre en nouveau</translation>
        </message>
        <message>
            <source>Archive</source>
            <translation>Archiver</translation>
        </message>
        <message>
            <source>Mark as spam…</source>
            <translation>Marquer comme indésirable…</translation>
        </message>
        <message>
            <source>to %1</source>
            <translation>à %1</translation>
        </message>
        <message>
            <source>First item from them</source>
            <translation>Premier message de cette personne</translation>
        </message>
        <message numerus="yes">
            <source>%n earlier items</source>
            <translation>
                <numerusform>%n message précédent</numerusform>
                <numerusform>%n messages précédents</numerusform>
            </translation>
        </message>
        <message>
            <source>first seen %1</source>
            <translation>vu pour la première fois le %1</translation>
        </message>
        <message>
            <source>Snoozed until %1</source>
            <translation>En pause jusqu’au %1</translation>
        </message>
        <message>
            <source>Your last reply: %1</source>
            <translation>Votre dernière réponse : %1</translation>
        </message>
        <message>
            <source>Your reply was sent at %1</source>
            <translation>Votre réponse a été envoyée à %1</translation>
        </message>
        <message>
            <source>You</source>
            <translation>Vous</translation>
        </message>
        <message>
            <source>What you do now applies to all of them. Ctrl+Z undoes it.</source>
            <translation>Ce que vous faites maintenant s’applique à tous. Ctrl+Z l’annule.</translation>
        </message>
        <message>
            <source>Until tomorrow morning</source>
            <translation>Jusqu’à demain matin</translation>
        </message>
        <message>
            <source>Spam…</source>
            <translation>Indésirable…</translation>
        </message>
        <message>
            <source>Assign…</source>
            <translation>Assigner…</translation>
        </message>
        <message numerus="yes">
            <source>%n item(s) selected</source>
            <translation>
                <numerusform>%n élément sélectionné</numerusform>
                <numerusform>%n éléments sélectionnés</numerusform>
            </translation>
        </message>
        <message>
            <source>On %1</source>
            <translation>Sur %1</translation>
        </message>
        <message>
            <source>Assigned to %1</source>
            <translation>Assigné à %1</translation>
        </message>
        <message>
            <source>Who takes care of it (A)</source>
            <translation>Qui s’en occupe (A)</translation>
        </message>
        <message>
            <source>Remove the tag</source>
            <translation>Retirer l’étiquette</translation>
        </message>
        <message>
            <source>+ Tag (#)</source>
            <translation>+ Étiquette (#)</translation>
        </message>
        <message>
            <source>Someone</source>
            <translation>Quelqu’un</translation>
        </message>
        <message>
            <source>Delete the note</source>
            <translation>Supprimer la note</translation>
        </message>
        <message>
            <source>Internal notes: only your team sees them</source>
            <translation>Notes internes : seule votre équipe les voit</translation>
        </message>
        <message>
            <source>Add an internal note (only your team sees it)…</source>
            <translation>Ajouter une note interne (visible par votre équipe seulement)…</translation>
        </message>
        <message>
            <source>Open on the site</source>
            <translation>Ouvrir sur le site</translation>
        </message>
        <message>
            <source>held for review</source>
            <translation>en attente d’examen</translation>
        </message>
        <message>
            <source>held as likely spam</source>
            <translation>retenu comme spam probable</translation>
        </message>
        <message>
            <source>rejected</source>
            <translation>refusé</translation>
        </message>
        <message>
            <source>YouTube takes replies only to published comments: approve this one first (More → Approve).</source>
            <translation>YouTube n’accepte de réponses qu’aux commentaires publiés : approuvez d’abord celui-ci (Plus → Approuver).</translation>
        </message>
    </context>
    <context>
        <name>baton::ui::MainWindow</name>
        <message>
            <source>Main</source>
            <translation>Principale</translation>
        </message>
        <message>
            <source>Baton — demo</source>
            <translation>Baton — démo</translation>
        </message>
        <message>
            <source>Baton</source>
            <translation>Baton</translation>
        </message>
        <message>
            <source>Search people and messages  ( / )</source>
            <translation>Rechercher des personnes et des messages  ( / )</translation>
        </message>
        <message>
            <source>Newest first</source>
            <translation>Plus récents d’abord</translation>
        </message>
        <message>
            <source>Oldest first</source>
            <translation>Plus anciens d’abord</translation>
        </message>
        <message>
            <source>Most negative</source>
            <translation>Les plus négatifs</translation>
        </message>
        <message>
            <source>Waiting longest</source>
            <translation>Attente la plus longue</translation>
        </message>
        <message>
            <source>Order of the list</source>
            <translation>Ordre de la liste</translation>
        </message>
        <message>
            <source>Demo data: Baton is syncing from its built-in sandbox. Nothing here is real and nothing leaves this computer.</source>
            <translation>Données de démonstration : Baton se synchronise avec son bac à sable intégré. Rien n’est réel et rien ne quitte cet ordinateur.</translation>
        </message>
        <message>
            <source>Add a real account…</source>
            <translation>Ajouter un vrai compte…</translation>
        </message>
        <message>
            <source>All</source>
            <translation>Tout</translation>
        </message>
        <message>
            <source>Nothing matches “%1”.</source>
            <translation>Aucun résultat pour « %1 ».</translation>
        </message>
        <message>
            <source>Add an account, or try the demo:
baton --demo</source>
            <translation>Ajoutez un compte, ou essayez la démo :
baton --demo</translation>
        </message>
        <message>
            <source>No items need a reply. Nice.</source>
            <translation>Aucun message n’attend de réponse. Bravo.</translation>
        </message>
        <message>
            <source>Nothing here. Nice.</source>
            <translation>Rien ici. Bravo.</translation>
        </message>
        <message numerus="yes">
            <source>%n new item(s) — show</source>
            <translation>
                <numerusform>%n nouvel élément — afficher</numerusform>
                <numerusform>%n nouveaux éléments — afficher</numerusform>
            </translation>
        </message>
        <message>
            <source>%1: %2</source>
            <translation>%1 : %2</translation>
        </message>
        <message>
            <source>Syncing…</source>
            <translation>Synchronisation…</translation>
        </message>
        <message>
            <source>Sync</source>
            <translation>Synchroniser</translation>
        </message>
        <message>
            <source>Fetch new items from every account now (F5)</source>
            <translation>Récupérer maintenant les nouveaux éléments de tous les comptes (F5)</translation>
        </message>
        <message>
            <source>Sync is off</source>
            <translation>La synchronisation est désactivée</translation>
        </message>
        <message>
            <source>Next item</source>
            <translation>Élément suivant</translation>
        </message>
        <message>
            <source>Previous item</source>
            <translation>Élément précédent</translation>
        </message>
        <message>
            <source>Reply</source>
            <translation>Répondre</translation>
        </message>
        <message>
            <source>Done</source>
            <translation>Traité</translation>
        </message>
        <message>
            <source>Snooze until tomorrow</source>
            <translation>Mettre en pause jusqu’à demain</translation>
        </message>
        <message>
            <source>Search</source>
            <translation>Rechercher</translation>
        </message>
        <message>
            <source>Keyboard shortcuts</source>
            <translation>Raccourcis clavier</translation>
        </message>
        <message>
            <source>Sync now</source>
            <translation>Synchroniser maintenant</translation>
        </message>
        <message>
            <source>Undo</source>
            <translation>Annuler</translation>
        </message>
        <message>
            <source>Undone</source>
            <translation>Annulé</translation>
        </message>
        <message>
            <source>Back to the list</source>
            <translation>Retour à la liste</translation>
        </message>
        <message>
            <source>Next / previous item</source>
            <translation>Élément suivant / précédent</translation>
        </message>
        <message>
            <source>Enter</source>
            <translation>Entrée</translation>
        </message>
        <message>
            <source>Open the item's thread</source>
            <translation>Ouvrir la conversation</translation>
        </message>
        <message>
            <source>Ctrl+Enter</source>
            <translation>Ctrl+Entrée</translation>
        </message>
        <message>
            <source>Send the reply</source>
            <translation>Envoyer la réponse</translation>
        </message>
        <message>
            <source>Snooze until tomorrow morning</source>
            <translation>Mettre en pause jusqu’à demain matin</translation>
        </message>
        <message>
            <source>Ctrl+Z</source>
            <translation>Ctrl+Z</translation>
        </message>
        <message>
            <source>Undo the last change</source>
            <translation>Annuler la dernière modification</translation>
        </message>
        <message>
            <source>Esc</source>
            <translation>Échap</translation>
        </message>
        <message>
            <source>This list</source>
            <translation>Cette liste</translation>
        </message>
        <message>
            <source>Mark as spam</source>
            <translation>Marquer comme indésirable</translation>
        </message>
        <message>
            <source>Mark this item from %1 as spam? It leaves the inbox.</source>
            <translation>Marquer ce message de %1 comme indésirable ? Il quittera la boîte de réception.</translation>
        </message>
        <message>
            <source>Could not change the status</source>
            <translation>Impossible de changer le statut</translation>
        </message>
        <message>
            <source>Not queued: %1</source>
            <translation>Non mise en file : %1</translation>
        </message>
        <message>
            <source>Reply queued</source>
            <translation>Réponse mise en file d’attente</translation>
        </message>
        <message>
            <source>Reply sent</source>
            <translation>Réponse envoyée</translation>
        </message>
        <message>
            <source>Save as view</source>
            <translation>Enregistrer la vue</translation>
        </message>
        <message>
            <source>Name of the view:</source>
            <translation>Nom de la vue :</translation>
        </message>
        <message>
            <source>Saved the view “%1”</source>
            <translation>Vue « %1 » enregistrée</translation>
        </message>
        <message>
            <source>Delete the view “%1”</source>
            <translation>Supprimer la vue « %1 »</translation>
        </message>
        <message>
            <source>Nothing matches these filters.</source>
            <translation>Rien ne correspond à ces filtres.</translation>
        </message>
        <message>
            <source>Delete the note</source>
            <translation>Supprimer la note</translation>
        </message>
        <message>
            <source>Delete this internal note?</source>
            <translation>Supprimer cette note interne ?</translation>
        </message>
        <message>
            <source>Delete</source>
            <translation>Supprimer</translation>
        </message>
        <message>
            <source>Select the next item too</source>
            <translation>Sélectionner aussi l’élément suivant</translation>
        </message>
        <message>
            <source>Select the previous item too</source>
            <translation>Sélectionner aussi l’élément précédent</translation>
        </message>
        <message>
            <source>Select or unselect the item</source>
            <translation>Sélectionner ou désélectionner l’élément</translation>
        </message>
        <message>
            <source>Assign</source>
            <translation>Assigner</translation>
        </message>
        <message>
            <source>Tag</source>
            <translation>Étiquette</translation>
        </message>
        <message>
            <source>Archive</source>
            <translation>Archiver</translation>
        </message>
        <message>
            <source>Shift+J / Shift+K</source>
            <translation>Maj+J / Maj+K</translation>
        </message>
        <message>
            <source>Select the next / previous item too</source>
            <translation>Sélectionner aussi l’élément suivant / précédent</translation>
        </message>
        <message numerus="yes">
            <source>Mark these %n items as spam? They leave the inbox.</source>
            <translation>
                <numerusform>Marquer cet élément comme indésirable ? Il quittera la boîte de réception.</numerusform>
                <numerusform>Marquer ces %n éléments comme indésirables ? Ils quitteront la boîte de réception.</numerusform>
            </translation>
        </message>
        <message>
            <source>Moved to %1</source>
            <translation>Déplacé vers « %1 »</translation>
        </message>
        <message numerus="yes">
            <source>%n item(s) moved to %1</source>
            <translation>
                <numerusform>%n élément déplacé vers « %1 »</numerusform>
                <numerusform>%n éléments déplacés vers « %1 »</numerusform>
            </translation>
        </message>
        <message>
            <source>Who takes care of it? Leave empty to unassign.</source>
            <translation>Qui s’en occupe ? Laissez vide pour désassigner.</translation>
        </message>
        <message>
            <source>Could not assign</source>
            <translation>Impossible d’assigner</translation>
        </message>
        <message numerus="yes">
            <source>%n item(s) unassigned</source>
            <translation>
                <numerusform>%n élément désassigné</numerusform>
                <numerusform>%n éléments désassignés</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n item(s) assigned to %1</source>
            <translation>
                <numerusform>%n élément assigné à %1</numerusform>
                <numerusform>%n éléments assignés à %1</numerusform>
            </translation>
        </message>
        <message>
            <source>Tag this item:</source>
            <translation>Étiqueter cet élément :</translation>
        </message>
        <message>
            <source>Could not tag the item</source>
            <translation>Impossible d’étiqueter l’élément</translation>
        </message>
        <message>
            <source>Tagged #%1</source>
            <translation>Étiqueté #%1</translation>
        </message>
        <message>
            <source>Could not add the note</source>
            <translation>Impossible d’ajouter la note</translation>
        </message>
        <message>
            <source>%1 (%2)? This happens on %3 and cannot be undone from Baton.</source>
            <translation>%1 (%2) ? Cela se passe sur %3 et ne peut pas être annulé depuis Baton.</translation>
        </message>
        <message>
            <source>%1 failed</source>
            <translation>Échec : %1</translation>
        </message>
        <message>
            <source>Done: %1</source>
            <translation>Fait : %1</translation>
        </message>
        <message>
            <source>Outbox</source>
            <translation>Boîte d’envoi</translation>
        </message>
        <message>
            <source>Outbox (%1)</source>
            <translation>Boîte d’envoi (%1)</translation>
        </message>
        <message>
            <source>Replies waiting to go out or that failed: %1</source>
            <translation>Réponses en attente d’envoi ou en échec : %1</translation>
        </message>
        <message>
            <source>Command palette</source>
            <translation>Palette de commandes</translation>
        </message>
        <message>
            <source>Go to a view</source>
            <translation>Aller à une vue</translation>
        </message>
        <message>
            <source>Go to All</source>
            <translation>Aller à Tout</translation>
        </message>
        <message>
            <source>Go to Needs reply</source>
            <translation>Aller à À répondre</translation>
        </message>
        <message>
            <source>Go to Snoozed</source>
            <translation>Aller à En pause</translation>
        </message>
        <message>
            <source>G, I</source>
            <translation>G, I</translation>
        </message>
        <message>
            <source>G, N</source>
            <translation>G, N</translation>
        </message>
        <message>
            <source>G, S</source>
            <translation>G, S</translation>
        </message>
        <message>
            <source>Ctrl+K</source>
            <translation>Ctrl+K</translation>
        </message>
        <message>
            <source>Command palette: every action, by name</source>
            <translation>Palette de commandes : toutes les actions, par leur nom</translation>
        </message>
        <message>
            <source>G then I / N / S</source>
            <translation>G puis I / N / S</translation>
        </message>
        <message>
            <source>Go to All / Needs reply / Snoozed</source>
            <translation>Aller à Tout / À répondre / En pause</translation>
        </message>
        <message>
            <source>Settings…</source>
            <translation>Réglages…</translation>
        </message>
        <message>
            <source>Add an account…</source>
            <translation>Ajouter un compte…</translation>
        </message>
        <message>
            <source>Ctrl+,</source>
            <translation>Ctrl+,</translation>
        </message>
        <message>
            <source>Settings: accounts, sync, notifications, language</source>
            <translation>Réglages : comptes, synchronisation, notifications, langue</translation>
        </message>
        <message>
            <source>Reason for the moderators (optional):</source>
            <translation>Motif pour les modérateurs (facultatif) :</translation>
        </message>
        <message>
            <source>Folder:</source>
            <translation>Dossier :</translation>
        </message>
        <message>
            <source>Export the weekly report</source>
            <translation>Exporter le rapport hebdomadaire</translation>
        </message>
        <message>
            <source>Week (ISO, e.g. %1):</source>
            <translation>Semaine (ISO, p. ex. %1) :</translation>
        </message>
        <message>
            <source>“%1” is not a week. Write it like %2.</source>
            <translation>« %1 » n’est pas une semaine. Écrivez-la comme %2.</translation>
        </message>
        <message>
            <source>Folder for the files:</source>
            <translation>Dossier des fichiers :</translation>
        </message>
        <message>
            <source>The report could not be written: %1</source>
            <translation>Le rapport n’a pas pu être écrit : %1</translation>
        </message>
        <message numerus="yes">
            <source>Wrote %n file(s) for %1 to %2</source>
            <translation>
                <numerusform>%n fichier écrit pour %1 dans %2</numerusform>
                <numerusform>%n fichiers écrits pour %1 dans %2</numerusform>
            </translation>
        </message>
        <message>
            <source>Dashboard</source>
            <translation>Tableau de bord</translation>
        </message>
        <message>
            <source>Figures and charts of your communities (Ctrl+D)</source>
            <translation>Chiffres et graphiques de vos communautés (Ctrl+D)</translation>
        </message>
        <message>
            <source>Reports</source>
            <translation>Rapports</translation>
        </message>
        <message>
            <source>Export…</source>
            <translation>Exporter…</translation>
        </message>
        <message numerus="yes">
            <source>%n account(s) up to date (%1)</source>
            <translation>
                <numerusform>%n compte à jour (%1)</numerusform>
                <numerusform>%n comptes à jour (%1)</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n account(s) waiting to sync</source>
            <translation>
                <numerusform>%n compte en attente de synchronisation</numerusform>
                <numerusform>%n comptes en attente de synchronisation</numerusform>
            </translation>
        </message>
        <message>
            <source>Export the weekly report…</source>
            <translation>Exporter le rapport hebdomadaire…</translation>
        </message>
        <message>
            <source>● Offline: triage and notes work, replies wait in the outbox</source>
            <translation>● Hors ligne : le tri et les notes fonctionnent, les réponses attendent dans la boîte d’envoi</translation>
        </message>
        <message>
            <source>%1 can no longer sign in: the network refused its token or password. What Baton holds is kept, but nothing new comes in from it until you sign in again.</source>
            <translation>%1 ne peut plus se connecter : le réseau a refusé son jeton ou son mot de passe. Ce que Baton détient est conservé, mais plus rien n’arrive de ce compte tant que vous ne l’avez pas reconnecté.</translation>
        </message>
        <message numerus="yes">
            <source>%n accounts can no longer sign in: %1. What Baton holds is kept, but nothing new comes in from them until you sign in again.</source>
            <translation>
                <numerusform>%n compte ne peut plus se connecter : %1. Ce que Baton détient est conservé, mais plus rien n’en arrive tant que vous ne l’avez pas reconnecté.</numerusform>
                <numerusform>%n comptes ne peuvent plus se connecter : %1. Ce que Baton détient est conservé, mais plus rien n’en arrive tant que vous ne les avez pas reconnectés.</numerusform>
            </translation>
        </message>
        <message>
            <source>Sign in again…</source>
            <translation>Se reconnecter…</translation>
        </message>
        <message>
            <source>Sign in again: %1…</source>
            <translation>Se reconnecter : %1…</translation>
        </message>
    </context>
    <context>
        <name>baton::ui::OutboxPanel</name>
        <message>
            <source>Retry now</source>
            <translation>Réessayer maintenant</translation>
        </message>
        <message>
            <source>Send this reply again now</source>
            <translation>Renvoyer cette réponse maintenant</translation>
        </message>
        <message>
            <source>Edit…</source>
            <translation>Modifier…</translation>
        </message>
        <message>
            <source>Change the text of a reply that has not gone out</source>
            <translation>Modifier le texte d’une réponse qui n’est pas encore partie</translation>
        </message>
        <message>
            <source>Cancel…</source>
            <translation>Annuler…</translation>
        </message>
        <message>
            <source>Do not send this reply</source>
            <translation>Ne pas envoyer cette réponse</translation>
        </message>
        <message>
            <source>No replies in the outbox.</source>
            <translation>Aucune réponse dans la boîte d’envoi.</translation>
        </message>
        <message numerus="yes">
            <source>%n reply(ies) sent</source>
            <translation>
                <numerusform>%n réponse envoyée</numerusform>
                <numerusform>%n réponses envoyées</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n reply(ies) could not be sent</source>
            <translation>
                <numerusform>%n réponse n’a pas pu être envoyée</numerusform>
                <numerusform>%n réponses n’ont pas pu être envoyées</numerusform>
            </translation>
        </message>
        <message>
            <source>Not retried: %1</source>
            <translation>Pas de nouvel essai : %1</translation>
        </message>
        <message>
            <source>Sending the reply again…</source>
            <translation>Nouvel envoi de la réponse…</translation>
        </message>
        <message>
            <source>Edit the reply</source>
            <translation>Modifier la réponse</translation>
        </message>
        <message>
            <source>Reply:</source>
            <translation>Réponse :</translation>
        </message>
        <message>
            <source>Reply changed; it waits to be sent</source>
            <translation>Réponse modifiée ; elle attend d’être envoyée</translation>
        </message>
        <message>
            <source>Not changed: %1</source>
            <translation>Non modifiée : %1</translation>
        </message>
        <message>
            <source>Cancel the reply</source>
            <translation>Annuler la réponse</translation>
        </message>
        <message>
            <source>This reply will not be sent. Cancel it?</source>
            <translation>Cette réponse ne sera pas envoyée. L’annuler ?</translation>
        </message>
        <message>
            <source>Reply cancelled</source>
            <translation>Réponse annulée</translation>
        </message>
        <message>
            <source>Not cancelled: %1</source>
            <translation>Non annulée : %1</translation>
        </message>
    </context>
    <context>
        <name>baton::ui::SettingsDialog</name>
        <message>
            <source>Settings</source>
            <translation>Réglages</translation>
        </message>
        <message>
            <source>Accounts</source>
            <translation>Comptes</translation>
        </message>
        <message>
            <source>General</source>
            <translation>Général</translation>
        </message>
        <message>
            <source>Account</source>
            <translation>Compte</translation>
        </message>
        <message>
            <source>Handle</source>
            <translation>Identifiant</translation>
        </message>
        <message>
            <source>Health</source>
            <translation>État</translation>
        </message>
        <message>
            <source>Add account…</source>
            <translation>Ajouter un compte…</translation>
        </message>
        <message>
            <source>Re-authenticate…</source>
            <translation>Réauthentifier…</translation>
        </message>
        <message>
            <source>Sync now</source>
            <translation>Synchroniser maintenant</translation>
        </message>
        <message>
            <source>Remove…</source>
            <translation>Retirer…</translation>
        </message>
        <message>
            <source> min</source>
            <translation> min</translation>
        </message>
        <message>
            <source>Sync every:</source>
            <translation>Synchroniser toutes les :</translation>
        </message>
        <message>
            <source>Tell me when items that need a reply arrive while Baton is in the background</source>
            <translation>Me prévenir quand des éléments à traiter arrivent pendant que Baton est en arrière-plan</translation>
        </message>
        <message>
            <source>Notifications:</source>
            <translation>Notifications :</translation>
        </message>
        <message>
            <source>The system's (%1)</source>
            <translation>Celle du système (%1)</translation>
        </message>
        <message>
            <source>Language:</source>
            <translation>Langue :</translation>
        </message>
        <message>
            <source>Light or dark follows the system's appearance.</source>
            <translation>Clair ou sombre suit l’apparence du système.</translation>
        </message>
        <message>
            <source>Theme:</source>
            <translation>Thème :</translation>
        </message>
        <message>
            <source>The server refused the token: re-authenticate</source>
            <translation>Le serveur a refusé le jeton : réauthentifiez</translation>
        </message>
        <message>
            <source>error: %1</source>
            <translation>erreur : %1</translation>
        </message>
        <message>
            <source>OK</source>
            <translation>OK</translation>
        </message>
        <message>
            <source>No accounts yet: add one to start.</source>
            <translation>Aucun compte pour l’instant : ajoutez-en un pour commencer.</translation>
        </message>
        <message>
            <source>Remove %1</source>
            <translation>Retirer %1</translation>
        </message>
        <message>
            <source>Remove the account %1 and every item Baton keeps from it? Nothing changes on %2.</source>
            <translation>Retirer le compte %1 et tous les éléments que Baton en garde ? Rien ne change sur %2.</translation>
        </message>
        <message>
            <source>Remove</source>
            <translation>Retirer</translation>
        </message>
        <message>
            <source>The account is removed, but its token could not be deleted: %1</source>
            <translation>Le compte est retiré, mais son jeton n’a pas pu être supprimé : %1</translation>
        </message>
        <message>
            <source>The system's</source>
            <translation>Celle du système</translation>
        </message>
        <message>
            <source>%1 · %2 of %3 quota units left today</source>
            <translation>%1 · %2 unités de quota sur %3 restantes aujourd’hui</translation>
        </message>
    </context>
</TS>
