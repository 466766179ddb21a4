#!/usr/bin/env python3
"""Fills baton_fr.ts (and the English plural forms in baton_en.ts) from the table below and from the tables in
strings/*.json (one per area: {"fr": {source: text or [singular, plural]}, "en": {source: [singular, plural]}}).

Run after `cmake --build <dir> --target update_translations` when strings change; a source text missing from the
tables is reported and left unfinished, so nothing is silently half-translated.
"""
import json
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

FR = {
    'now': "à l’instant",
    '%n min': ('%n min', '%n min'),
    '%n h': ('%n h', '%n h'),
    'yesterday': 'hier',
    'd MMM': 'd MMM',
    'd MMM yyyy': 'd MMM yyyy',
    'New': 'Nouveau',
    'In progress': 'En cours',
    'Waiting': 'En attente',
    'Done': 'Traité',
    'Snoozed': 'En pause',
    'Archived': 'Archivé',
    'Spam': 'Indésirable',
    'Google reviews': 'Avis Google',
    'Feed': 'Flux',
    'Feeds': 'Flux',
    'Email': 'E-mail',
    'mention': 'mention',
    'reply': 'réponse',
    'comment': 'commentaire',
    'direct message': 'message privé',
    'review': 'avis',
    'post': 'publication',
    'email': 'e-mail',
    'quote': 'citation',
    'Queued': 'En file d’attente',
    'Sending…': 'Envoi…',
    'Sent': 'Envoyée',
    'Failed': 'Échec',
    'Checking whether it was posted': 'Vérification de la publication',
    'Cancelled': 'Annulée',
    'up to date (%1)': 'à jour (%1)',
    'waiting to sync': 'synchronisation à venir',
    'syncing…': 'synchronisation…',
    'rate limited until %1': 'limite de débit jusqu’à %1',
    'error: %1': 'erreur : %1',
    'negative': 'négatif',
    'positive': 'positif',
    'neutral': 'neutre',
    'All': 'Tout',
    'Needs reply': 'À répondre',
    'Negative': 'Négatifs',
    'Say thanks': 'À remercier',
    'Questions': 'Questions',
    'Assigned to me': 'Assignés à moi',
    '%1: %n unread': ('%1 : %n non lu', '%1 : %n non lus'),
    '%n need a reply': ('%n attend une réponse', '%n attendent une réponse'),
    'Send': 'Envoyer',
    'Write a personal reply…': 'Écrivez une réponse personnelle…',
    'Send the reply (Ctrl+Enter). It waits in the outbox when offline.':
        'Envoyer la réponse (Ctrl+Entrée). Hors ligne, elle attend dans la boîte d’envoi.',
    'Reply to %1 (Ctrl+Enter to send)': 'Répondre à %1 (Ctrl+Entrée pour envoyer)',
    '%1 / %2': '%1 / %2',
    'Select an item to read its thread and reply.': 'Sélectionnez un élément pour lire sa conversation et y répondre.',
    'Mark as done (E)': 'Marquer comme traité (E)',
    'Snooze': 'Mettre en pause',
    'Hide until later (S)': 'Masquer jusqu’à plus tard (S)',
    'In 3 hours': 'Dans 3 heures',
    'Tomorrow morning': 'Demain matin',
    'Next week': 'La semaine prochaine',
    'More': 'Plus',
    'Waiting for them': 'En attente de leur réponse',
    'Back to new': 'Remettre en nouveau',
    'Archive': 'Archiver',
    'Mark as spam…': 'Marquer comme indésirable…',
    'to %1': 'à %1',
    'First item from them': 'Premier message de cette personne',
    '%n earlier items': ('%n message précédent', '%n messages précédents'),
    'first seen %1': 'vu pour la première fois le %1',
    'Snoozed until %1': 'En pause jusqu’au %1',
    'Your last reply: %1': 'Votre dernière réponse : %1',
    'Your reply was sent at %1': 'Votre réponse a été envoyée à %1',
    'You': 'Vous',
    'Main': 'Principale',
    'Add an account': 'Ajouter un compte',
    'Connect a real account from a terminal for now:\n\nbaton account add mastodon --name NAME --base-url URL --token-env VAR\n\nThen start Baton without --demo.':
        'Pour l’instant, connectez un vrai compte depuis un terminal :\n\nbaton account add mastodon --name NOM --base-url URL --token-env VAR\n\nPuis lancez Baton sans --demo.',
    'Baton — demo': 'Baton — démo',
    'Baton': 'Baton',
    'Search people and messages  ( / )': 'Rechercher des personnes et des messages  ( / )',
    'Newest first': 'Plus récents d’abord',
    'Oldest first': 'Plus anciens d’abord',
    'Most negative': 'Plus négatifs',
    'Waiting longest': 'Attente la plus longue',
    'Order of the list': 'Ordre de la liste',
    'Demo data: Baton is syncing from its built-in sandbox. Nothing here is real and nothing leaves this computer.':
        'Données de démonstration : Baton se synchronise avec son bac à sable intégré. Rien n’est réel et rien ne quitte cet ordinateur.',
    'Add a real account…': 'Ajouter un vrai compte…',
    'Nothing matches “%1”.': 'Aucun résultat pour « %1 ».',
    'Add an account, or try the demo:\nbaton --demo': 'Ajoutez un compte, ou essayez la démo :\nbaton --demo',
    'No items need a reply. Nice.': 'Aucun message n’attend de réponse. Bravo.',
    'Nothing here. Nice.': 'Rien ici. Bravo.',
    '%n new item(s) — show': ('%n nouvel élément — afficher', '%n nouveaux éléments — afficher'),
    '%1: %2': '%1 : %2',
    'Syncing…': 'Synchronisation…',
    'Sync': 'Synchroniser',
    'Fetch new items from every account now (F5)': 'Récupérer maintenant les nouveaux éléments de tous les comptes (F5)',
    'Sync is off': 'La synchronisation est désactivée',
    'Next item': 'Élément suivant',
    'Previous item': 'Élément précédent',
    'Reply': 'Répondre',
    'Snooze until tomorrow': 'Mettre en pause jusqu’à demain',
    'Search': 'Rechercher',
    'Keyboard shortcuts': 'Raccourcis clavier',
    'Sync now': 'Synchroniser maintenant',
    'Undo': 'Annuler',
    'Undone': 'Annulé',
    'Back to the list': 'Retour à la liste',
    'Next / previous item': 'Élément suivant / précédent',
    'Enter': 'Entrée',
    "Open the item's thread": 'Ouvrir la conversation',
    'Ctrl+Enter': 'Ctrl+Entrée',
    'Send the reply': 'Envoyer la réponse',
    'Snooze until tomorrow morning': 'Mettre en pause jusqu’à demain matin',
    'Ctrl+Z': 'Ctrl+Z',
    'Undo the last change': 'Annuler la dernière modification',
    'Esc': 'Échap',
    'This list': 'Cette liste',
    'Mark as spam': 'Marquer comme indésirable',
    'Mark this item from %1 as spam? It leaves the inbox.':
        'Marquer ce message de %1 comme indésirable ? Il quittera la boîte de réception.',
    'Could not change the status': 'Impossible de changer le statut',
    'Moved to %1 — Ctrl+Z to undo': 'Déplacé vers « %1 » — Ctrl+Z pour annuler',
    'Not queued: %1': 'Non mise en file : %1',
    'Reply queued': 'Réponse mise en file d’attente',
    'Reply sent': 'Réponse envoyée',
    # Filter bar and saved views
    'From': 'Du',
    'To (included)': 'Au (inclus)',
    'Any network': 'Tous les réseaux',
    'Any account': 'Tous les comptes',
    "The view's statuses": 'Les statuts de la vue',
    'Any kind': 'Tous les types',
    'Any sentiment': 'Tous les sentiments',
    '▼ Negative': '▼ Négatif',
    '● Neutral': '● Neutre',
    '▲ Positive': '▲ Positif',
    'Any date': 'Toutes les dates',
    'Today': 'Aujourd’hui',
    'Last 7 days': '7 derniers jours',
    'Last 30 days': '30 derniers jours',
    'Custom range…': 'Période personnalisée…',
    'Items between': 'Éléments entre',
    'Anyone': 'N’importe qui',
    'Me (%1)': 'Moi (%1)',
    'Any tag': 'Toutes les étiquettes',
    'No tags yet: press # on an item': 'Aucune étiquette : appuyez sur # sur un élément',
    'Network': 'Réseau',
    'Account': 'Compte',
    'Account %1': 'Compte %1',
    'Status': 'Statut',
    'Kind': 'Type',
    'Sentiment': 'Sentiment',
    'Date': 'Date',
    '%1 – %2': '%1 – %2',
    'Assignee': 'Assigné à',
    'Tag': 'Étiquette',
    'Clear filters': 'Effacer les filtres',
    'Show everything the view shows': 'Afficher tout ce que montre la vue',
    'Save as view…': 'Enregistrer la vue…',
    'Keep this view and its filters in the list on the left':
        'Garder cette vue et ses filtres dans la liste de gauche',
    'Save as view': 'Enregistrer la vue',
    'Name of the view:': 'Nom de la vue :',
    'Saved the view “%1”': 'Vue « %1 » enregistrée',
    'Delete the view “%1”': 'Supprimer la vue « %1 »',
    'Nothing matches these filters.': 'Rien ne correspond à ces filtres.',
    # Bulk actions, assignee, tags, notes, moderation
    'Dismiss the notification': 'Ignorer la notification',
    'Mute the author': 'Masquer l’auteur',
    'Block the author…': 'Bloquer l’auteur…',
    'Report to the moderators…': 'Signaler aux modérateurs…',
    'Mute the conversation': 'Masquer la conversation',
    'Delete our post…': 'Supprimer notre publication…',
    'What you do now applies to all of them. Ctrl+Z undoes it.':
        'Ce que vous faites maintenant s’applique à tous. Ctrl+Z l’annule.',
    'Until tomorrow morning': 'Jusqu’à demain matin',
    'Spam…': 'Indésirable…',
    'Assign…': 'Assigner…',
    '%n item(s) selected': ('%n élément sélectionné', '%n éléments sélectionnés'),
    'On %1': 'Sur %1',
    'Assigned to %1': 'Assigné à %1',
    'Who takes care of it (A)': 'Qui s’en occupe (A)',
    'Remove the tag': 'Retirer l’étiquette',
    '+ Tag (#)': '+ Étiquette (#)',
    'Someone': 'Quelqu’un',
    'Delete the note': 'Supprimer la note',
    'Internal notes: only your team sees them': 'Notes internes : seule votre équipe les voit',
    'Add an internal note (only your team sees it)…': 'Ajouter une note interne (visible par votre équipe seulement)…',
    'Delete this internal note?': 'Supprimer cette note interne ?',
    'Delete': 'Supprimer',
    'Select the next item too': 'Sélectionner aussi l’élément suivant',
    'Select the previous item too': 'Sélectionner aussi l’élément précédent',
    'Select or unselect the item': 'Sélectionner ou désélectionner l’élément',
    'Assign': 'Assigner',
    'Shift+J / Shift+K': 'Maj+J / Maj+K',
    'Type a command…': 'Tapez une commande…',
    'Command palette': 'Palette de commandes',
    'Go to a view': 'Aller à une vue',
    'Go to All': 'Aller à Tout',
    'Go to Needs reply': 'Aller à À répondre',
    'Go to Snoozed': 'Aller à En pause',
    'G, I': 'G, I',
    'G, N': 'G, N',
    'G, S': 'G, S',
    'Ctrl+K': 'Ctrl+K',
    'Command palette: every action, by name': 'Palette de commandes : toutes les actions, par leur nom',
    'G then I / N / S': 'G puis I / N / S',
    'Go to All / Needs reply / Snoozed': 'Aller à Tout / À répondre / En pause',
    'Select the next / previous item too': 'Sélectionner aussi l’élément suivant / précédent',
    'Mark these %n items as spam? They leave the inbox.':
        ('Marquer cet élément comme indésirable ? Il quittera la boîte de réception.',
         'Marquer ces %n éléments comme indésirables ? Ils quitteront la boîte de réception.'),
    'Moved to %1': 'Déplacé vers « %1 »',
    '%n item(s) moved to %1': ('%n élément déplacé vers « %1 »', '%n éléments déplacés vers « %1 »'),
    'Who takes care of it? Leave empty to unassign.': 'Qui s’en occupe ? Laissez vide pour désassigner.',
    'Could not assign': 'Impossible d’assigner',
    '%n item(s) unassigned': ('%n élément désassigné', '%n éléments désassignés'),
    '%n item(s) assigned to %1': ('%n élément assigné à %1', '%n éléments assignés à %1'),
    'Tag this item:': 'Étiqueter cet élément :',
    'Could not tag the item': 'Impossible d’étiqueter l’élément',
    'Tagged #%1': 'Étiqueté #%1',
    'Could not add the note': 'Impossible d’ajouter la note',
    '%1 (%2)? This happens on %3 and cannot be undone from Baton.':
        '%1 (%2) ? Cela se passe sur %3 et ne peut pas être annulé depuis Baton.',
    '%1 failed': 'Échec : %1',
    'Done: %1': 'Fait : %1',
    # Outbox
    '(unknown)': '(inconnu)',
    'To': 'À',
    'Text': 'Texte',
    'State': 'État',
    'Attempts': 'Tentatives',
    'Time': 'Heure',
    'Retry now': 'Réessayer maintenant',
    'Send this reply again now': 'Renvoyer cette réponse maintenant',
    'Edit…': 'Modifier…',
    'Change the text of a reply that has not gone out': 'Modifier le texte d’une réponse qui n’est pas encore partie',
    'Cancel…': 'Annuler…',
    'Do not send this reply': 'Ne pas envoyer cette réponse',
    'No replies in the outbox.': 'Aucune réponse dans la boîte d’envoi.',
    '%n reply(ies) sent': ('%n réponse envoyée', '%n réponses envoyées'),
    '%n reply(ies) could not be sent': ('%n réponse n’a pas pu être envoyée', '%n réponses n’ont pas pu être envoyées'),
    'Not retried: %1': 'Pas de nouvel essai : %1',
    'Sending the reply again…': 'Nouvel envoi de la réponse…',
    'Edit the reply': 'Modifier la réponse',
    'Reply:': 'Réponse :',
    'Reply changed; it waits to be sent': 'Réponse modifiée ; elle attend d’être envoyée',
    'Not changed: %1': 'Non modifiée : %1',
    'Cancel the reply': 'Annuler la réponse',
    'This reply will not be sent. Cancel it?': 'Cette réponse ne sera pas envoyée. L’annuler ?',
    'Reply cancelled': 'Réponse annulée',
    'Not cancelled: %1': 'Non annulée : %1',
    'Outbox': 'Boîte d’envoi',
    'Outbox (%1)': 'Boîte d’envoi (%1)',
    'Replies waiting to go out or that failed: %1': 'Réponses en attente d’envoi ou en échec : %1',
}
# English plural forms (the source text is the singular-agnostic form).
EN = {
    '%n min': ('%n min', '%n min'),
    '%n h': ('%n h', '%n h'),
    '%1: %n unread': ('%1: %n unread', '%1: %n unread'),
    '%n need a reply': ('%n needs a reply', '%n need a reply'),
    '%n earlier items': ('%n earlier item', '%n earlier items'),
    '%n new item(s) — show': ('%n new item — show', '%n new items — show'),
    '%n item(s) selected': ('%n item selected', '%n items selected'),
    'Mark these %n items as spam? They leave the inbox.':
        ('Mark this item as spam? It leaves the inbox.', 'Mark these %n items as spam? They leave the inbox.'),
    '%n item(s) moved to %1': ('%n item moved to %1', '%n items moved to %1'),
    '%n item(s) unassigned': ('%n item unassigned', '%n items unassigned'),
    '%n item(s) assigned to %1': ('%n item assigned to %1', '%n items assigned to %1'),
    '%n reply(ies) sent': ('%n reply sent', '%n replies sent'),
    '%n reply(ies) could not be sent': ('%n reply could not be sent', '%n replies could not be sent'),
}


def fill(path: Path, table: dict, complete: bool) -> int:
    tree = ET.parse(path)
    missing = 0
    for message in tree.getroot().iter('message'):
        source = message.find('source').text
        tr = message.find('translation')
        value = table.get(source)
        if value is None:
            if complete:
                print(f'{path.name}: no translation for {source!r}', file=sys.stderr)
                missing += 1
            continue
        for child in list(tr):
            tr.remove(child)
        tr.attrib.pop('type', None)
        if message.get('numerus') == 'yes':
            forms = value if isinstance(value, tuple) else (value, value)
            tr.text = None
            for form in forms:
                ET.SubElement(tr, 'numerusform').text = form
        else:
            tr.text = value if isinstance(value, str) else value[0]
    ET.indent(tree, space='    ')
    body = ET.tostring(tree.getroot(), encoding='unicode')
    path.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + '\n', encoding='utf-8')
    return missing


here = Path(__file__).resolve().parent
for table in sorted((here / 'strings').glob('*.json')):
    extra = json.loads(table.read_text(encoding='utf-8'))
    for lang, target in (('fr', FR), ('en', EN)):
        for source, value in extra.get(lang, {}).items():
            target[source] = tuple(value) if isinstance(value, list) else value
missing = fill(here / 'baton_fr.ts', FR, True) + fill(here / 'baton_en.ts', EN, False)
sys.exit(1 if missing else 0)
