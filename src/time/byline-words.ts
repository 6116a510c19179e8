/**
 * The words of news bylines in French, English, German, Spanish, Italian and Portuguese, as
 * data: the labels of a publication and of an update, of an author, the month and weekday names,
 * the units and words of relative dates, and what newsrooms print beside a byline that is never
 * a date (reading times, audio players). The byline reader (byline.ts, byline-line.ts) and the
 * date grammar (byline-date.ts) read only these tables, so a label missing here is one line to
 * add. Every regular expression built from them is matched case-insensitively unless said.
 */

/** A regular-expression alternation of `words`, longest first, spaces matching any run of spaces. */
export function alternation(words: readonly string[]): string {
  return [...new Set(words)]
    .sort((a, b) => b.length - a.length)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+'))
    .join('|');
}

/** Labels of the publication date ("Publié le", "Published", "Veröffentlicht am", ...). */
export const PUBLISHED_LABELS = [
  'publié', 'publiée', 'publie', 'mis en ligne', 'paru', 'parution',
  'first published', 'published', 'posted',
  'veröffentlicht', 'publiziert', 'erstellt',
  'publicado', 'publicada', 'pubblicato', 'pubblicata',
];

/** Labels of the update date ("Mis à jour", "Updated", "Stand:", ...). */
export const UPDATED_LABELS = [
  'mis à jour', 'mis a jour', 'mise à jour', 'modifié', 'modifiée', 'actualisé', 'actualisée', 'dernière mise à jour',
  'updated', 'last updated', 'last modified', 'last update', 'modified',
  'aktualisiert', 'zuletzt aktualisiert', 'stand',
  'actualizado', 'actualizada', 'última actualización', 'ultima actualización',
  'aggiornato', 'aggiornata', 'ultimo aggiornamento', 'modifica',
  'atualizado', 'atualizada', 'atualização', 'actualização', 'última atualização',
];

/**
 * Author labels. `start`: only at the start of a line (the Portuguese "De/Da/Do", which also open
 * ordinary phrases: "Beatriz Alves, da CNN" names an outlet, not an author). `colon`: only with a
 * colon after it ("Quelle: dpa", "Author: Jane Doe"), since the bare word is common prose.
 */
export const AUTHOR_LABELS: { label: string; start?: boolean; colon?: boolean }[] = [
  ...['propos recueillis par', 'recueilli par', 'recueillie par', 'recueillis par', 'article rédigé par', 'rédigé par', 'écrit par', 'par'].map((label) => ({ label })),
  ...['written by', 'story by', 'posted by', 'reported by', 'words by', 'curated by', 'by'].map((label) => ({ label })),
  ...['ein kommentar von', 'eine analyse von', 'ein gastbeitrag von', 'ein essay von', 'von'].map((label) => ({ label })),
  ...['escrito por', 'texto de', 'reportagem de', 'por'].map((label) => ({ label })),
  ...['a cura di', 'di'].map((label) => ({ label })),
  ...['de', 'da', 'do'].map((label) => ({ label, start: true })),
  ...['author', 'autor', 'autora', 'autore', 'autrice', 'auteur', 'autorin', 'quelle', 'source', 'fuente', 'fonte'].map((label) => ({ label, colon: true })),
];

/** A label alone on its line whose value (the author) is on the next line ("Texto", on Portuguese sites). */
export const AUTHOR_LINE_LABELS = ['texto', 'reportagem', 'text'];

/** Labels whose value is someone else than the author: an editor, a photographer, a category. */
export const NOT_AUTHOR_LABELS = [
  'edited by', 'photo', 'photos', 'photograph', 'photography', 'crédit photo', 'crédit', 'crédits', 'credit', 'foto', 'fotos', 'bild',
  'illustration', 'image', 'posted in', 'publié dans', 'filed under', 'classé dans', 'publicado en', 'pubblicato in', 'publicado em',
];

/** Newsroom credits that stand for an author alone on their line ("Redacción", "Redazione ANSA"). */
export const NEWSROOM_WORDS = ['la rédaction', 'rédaction', 'redacción', 'redação', 'redacção', 'redazione', 'redaktion'];

/** Outlets and agencies that print their name in lower case, so a lower-case name can still be an author. */
export const LOWERCASE_OUTLETS = ['afp', 'dpa', 'epa', 'ap', 'kna', 'sid', 'franceinfo', 'g1', 't-online', 'n-tv', 'derstandard.at', 'tst'];

/** Words that join or qualify names without being names: "et", "and", "avec", "de", "von", "for". */
export const NAME_JOINERS = [
  'et', 'and', 'und', 'y', 'e', 'i', '&', 'avec', 'with', 'mit', 'con', 'com', 'for', 'pour', 'para', 'per', 'of',
  'de', 'da', 'do', 'dos', 'das', 'di', 'del', 'della', 'dei', 'van', 'von', 'der', 'den', 'la', 'le', 'du', 'des', 'el', 'bin', 'al', 'ter', 'zu', 'y',
];

/** Month names and their abbreviations, in the six languages, to their number. */
export const MONTHS: Record<string, number> = {};
for (const [month, names] of [
  [1, 'january jan janvier janv januar jänner enero ene gennaio gen janeiro'],
  [2, 'february feb février fevrier févr fevr februar febrero febbraio fevereiro fev'],
  [3, 'march mar mars märz maerz mär mrz marzo março marco'],
  [4, 'april apr avril avr abril abr aprile'],
  [5, 'may mai mayo maggio mag maio'],
  [6, 'june jun juin juni junio giugno giu junho'],
  [7, 'july jul juillet juil juli julio luglio lug julho'],
  [8, 'august aug août aout agosto ago'],
  [9, 'september sep sept septembre septiembre setiembre settembre set setembro'],
  [10, 'october oct octobre oktober okt octubre ottobre ott outubro out'],
  [11, 'november nov novembre noviembre novembro'],
  [12, 'december dec décembre decembre déc dezember dez diciembre dic dicembre dezembro'],
] as const) {
  for (const name of names.split(' ')) MONTHS[name] = month;
}

/** Weekday names printed before a date, which say nothing the date does not. */
export const WEEKDAYS = [
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'mon', 'tue', 'tues', 'wed', 'thu', 'thur', 'thurs', 'fri', 'sat', 'sun',
  'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche', 'lun', 'mer', 'jeu', 'ven', 'sam', 'dim',
  'montag', 'dienstag', 'mittwoch', 'donnerstag', 'freitag', 'samstag', 'sonnabend', 'sonntag',
  'lunes', 'martes', 'miércoles', 'miercoles', 'jueves', 'viernes', 'sábado', 'sabado', 'domingo',
  'lunedì', 'lunedi', 'martedì', 'martedi', 'mercoledì', 'mercoledi', 'giovedì', 'giovedi', 'venerdì', 'venerdi', 'sabato', 'domenica',
  'segunda-feira', 'terça-feira', 'quarta-feira', 'quinta-feira', 'sexta-feira', 'segunda', 'terça', 'quarta', 'quinta', 'sexta',
];

export type Unit = 'second' | 'minute' | 'hour' | 'day' | 'week' | 'month' | 'year';

/** Units of "4 hours ago" and its translations, singular, plural and abbreviated. */
export const UNITS: Record<string, Unit> = {};
for (const [unit, names] of [
  ['second', 'second seconds sec secs s seconde secondes sekunde sekunden segundo segundos secondo secondi'],
  ['minute', 'minute minutes min mins mn minuten minuto minutos minuti'],
  ['hour', 'hour hours hr hrs h heure heures stunde stunden std hora horas ora ore'],
  ['day', 'day days jour jours tag tage tagen día días dia dias giorno giorni'],
  ['week', 'week weeks semaine semaines woche wochen semana semanas settimana settimane'],
  ['month', 'month months mois monat monate monaten mes meses mese mesi mês'],
  ['year', 'year years an ans année années jahr jahre jahren año años anno anni ano anos'],
] as const) {
  for (const name of names.split(' ')) UNITS[name] = unit;
}

/** Counts written as words ("an hour ago", "vor einem Monat", "il y a une heure"). */
export const COUNT_WORDS: Record<string, number> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, un: 1, une: 1, deux: 2, trois: 3, ein: 1, eine: 1, einem: 1, einer: 1, einen: 1, zwei: 2, drei: 3,
  uno: 1, una: 1, dos: 2, tres: 3, due: 2, tre: 3, um: 1, uma: 1, dois: 2, duas: 2, três: 3,
};

/** Words for the anchor's day (0) and the day before (1). */
export const DAY_WORDS: Record<string, number> = {
  today: 0, "aujourd'hui": 0, heute: 0, hoy: 0, oggi: 0, hoje: 0,
  yesterday: 1, hier: 1, gestern: 1, ayer: 1, ieri: 1, ontem: 1,
};

/** "Just now": the anchor itself. */
export const NOW_WORDS = ["just now", "à l'instant", "a l'instant", 'gerade eben', 'soeben', 'ahora mismo', 'agora mesmo', 'proprio ora'];

/** Words that link a date to its time ("à 10h15", "at 4:17 pm", "a las 10:15", "alle 10:15", "às 10h15", "um 10:15 Uhr"). */
export const TIME_LINKS = ['à', 'a', 'at', 'a las', 'a la', 'alle', 'ore', 'às', 'as', 'um', 'kl.'];

/** Words between a label and its date ("Publié le", "Published on", "Veröffentlicht am", "Publicado el/em/a", "Pubblicato il"). */
export const DATE_LINKS = ['le', 'on', 'am', 'el', 'em', 'il', 'a', 'den', 'the', 'du', 'de', 'no', 'na'];

/**
 * An audio player as a copy leaves it: its button ("Écouter cet article", "Listen to this
 * article") and its position and duration ("00:00/02:21", "0:00 / 3:21", "5:12 min").
 */
export const PLAYER = [
  String.raw`\d{1,2}:\d{2}(?::\d{2})?\s*/\s*\d{1,2}:\d{2}(?::\d{2})?`,
  String.raw`\d{1,2}:\d{2}\s*min\.?`,
  String.raw`(?:listen to (?:this|the) (?:article|story)|écouter (?:cet|l')\s*article|artikel (?:vorlesen|anhören|hören)|ouvir (?:o texto|a notícia|esta notícia|a matéria)|escuchar (?:la noticia|este artículo|el artículo)|ascolta (?:la versione audio dell'articolo|l'articolo|questo articolo))`,
];

/**
 * A caption's credit at the end of a line: a labelled one ("Photo : Jean Dupont / AFP",
 * "Photograph: Jane Doe/Reuters"), an emphasized one with a slash between names or a ©
 * ("*Delil SOULEIMAN / AFP*"), or one in parentheses ("(Photo, AFP)."). Group 1, 2 or 3 is the
 * credit, as each form prints it.
 */
export const CAPTION_CREDIT =
  /(?<![\p{L}])(?:photo(?:graph)?s?|crédits?(?: photo)?|credits?|foto|bild|illustration|image)\s*:\s*([^:]{2,80})$|[*_]{1,2}([^*_]*(?:\p{L}\s*\/\s*\p{L}|©)[^*_]*)[*_]{1,2}\s*$|\((?:photos?|foto|crédit|credit|image)\s*[,:]\s*([^()]{2,60})\)\.?\s*$/iu;

/**
 * What sits in a byline block and is never a date or an author: reading times, audio players and
 * their durations, subscriber badges. Matched at a position, case-insensitively.
 */
export const NOISE = [
  String.raw`(?:temps|durée) de lecture\s*:?\s*\d+\s*(?:minutes?|min|mn)\.?`,
  String.raw`(?:lesezeit|lesedauer)\s*:?\s*(?:ca\.\s*)?\d+\s*(?:minuten|minute|min)\.?`,
  String.raw`(?:tiempo de lectura|tempo de leitura|tempo di lettura|reading time)\s*:?\s*\d+\s*(?:minutos|minuti|minutes?|min)\.?`,
  String.raw`\d+\s*-?\s*(?:minutes?|mins?)\.?\s+read`,
  String.raw`\d+\s*(?:minuti|minutos|minutes|min\.?|')\s*(?:di lettura|de leitura|de lectura|de lecture)`,
  ...PLAYER,
  String.raw`(?:article )?réservé aux abonnés|exklusiv für abonnenten|nur für abonnenten|subscribers? only|exclusivo para (?:suscriptores|assinantes)|riservato agli abbonati`,
];

/** Words that stand alone on a line of a byline block, next to buttons: never a date or a name. */
export const BUTTON_WORDS = ['comments', 'comment', 'share', 'save', 'follow', 'partager', 'commentaires', 'teilen', 'kommentare', 'compartir', 'comentarios', 'condividi', 'commenti', 'compartilhar', 'comentários'];
