/**
 * French strings of the game's length (issue 11): the menu's choice of length with its estimate of
 * the minutes, the HUD's way back to the menu with what the autosave keeps, and the end screen's
 * headline on what the game delivered over its years.
 */
export const frLength = {
  'len.title': 'Durée de la partie',
  'len.firstTerm': 'Premier mandat',
  'len.twoTerms': 'Deux mandats',
  'len.terms': '{n} mandats',
  'len.whole': 'Partie entière',
  'len.span': '{years} · {from}–{to}',
  'len.estimate': '≈\u00a0{time}',
  'len.estimateTip': 'Estimation pour un groupe qui négocie un contrat par an : {setup} pour le menu et la présentation, puis environ {perYear} par année (décisions, négociation, mois qui passent, bilan). Une année sans négociation prend moins. Détail dans le README, « Durée de la partie ».',
  'len.minutes': '{n}\u00a0min',
  'len.hours': '{h}\u00a0h\u00a0{m}',
  'len.hoursOnly': '{h}\u00a0h',
  'len.epilogue': 'Ensuite, le modèle continue seul jusqu’en {horizon} pour montrer les effets tardifs.',
  'len.saved': 'Partie de {total}.',
  'len.menu': 'Menu',
  'len.menuTip': 'Quitter la partie pour le menu',
  'len.leave.title': 'Revenir au menu ?',
  'len.leave.kept': 'La partie est enregistrée à la fin de chaque année : « Reprendre la partie » au menu la reprend au début de l’année {n} ({year}). Ce qui a été joué depuis n’est pas gardé.',
  'len.leave.keptEnd': 'Les {years} joués sont enregistrés : « Reprendre la partie » au menu reprend après la partie, là où le modèle continue seul.',
  'len.leave.notSaved': 'Cette partie n’a pas encore fini sa première année : elle n’est pas enregistrée (elle l’est à la fin de chaque année). La quitter la perd.',
  'len.leave.failed': 'La dernière sauvegarde a échoué ({error}) : quitter perd ce qui n’a pas été enregistré.',
  'len.leave.confirm': 'Quitter pour le menu',
  'len.leave.stay': 'Rester dans la partie',
  'len.end.delivered': 'En {played} de décisions ({from}–{to}), la ville a fait fonctionner {serviceYears} ; jusqu’en {horizon}, {serviceYearsAll} en tout, et {running} encore à la fin.',
  'len.end.serviceYears': '{n} années de service',
  'len.end.serviceYear': '{n} année de service',
  'len.end.running': '{n} services fonctionnent',
  'len.end.runningOne': '{n} service fonctionne',
} as const;
