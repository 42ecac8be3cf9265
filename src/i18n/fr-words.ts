/**
 * Words that agree with their number (through `Intl.PluralRules`, src/ui/words/plurals.ts: one
 * key per plural category, `.one` and `.other`), the taxes in a sentence, and what the decisions
 * screen says the model does (a governance measure's effect, a purchase's price, the year's
 * envelope, the partner's realised NPV).
 */
export const frWords = {
  'words.districts.one': '{n} quartier',
  'words.districts.other': '{n} quartiers',
  'words.yearsPlayed.one': '{n} année jouée',
  'words.yearsPlayed.other': '{n} années jouées',
  'words.contractsSigned.one': '{n} contrat signé',
  'words.contractsSigned.other': '{n} contrats signés',
  'words.cancelled.one': '{n} résilié',
  'words.cancelled.other': '{n} résiliés',
  'words.taxes.unchanged': 'impôts inchangés',
  'words.taxes.up': 'impôts en hausse de {pct}',
  'words.taxes.down': 'impôts en baisse de {pct}',
  'words.gov.effect': 'Cible d’alignement {with} avec, {without} sans ({gain}) ; l’alignement fait chaque mois {monthly} du chemin vers sa cible. Coût : {cost} par an.',
  'words.gov.effectTip': 'Le gain d’une mesure est une part du chemin entre l’alignement de structure du territoire ({base}) et 100 % : {share} de ce chemin, soit {gain} sur la cible. L’alignement n’y arrive pas d’un coup : il s’en rapproche mois après mois.',
  'words.alone.price': 'Prix pour la ville : {city} ({works} de travaux, moins {grants} de subventions espérées), dont {thisYear} payés avant le prochain budget, pris sur l’enveloppe de l’année.',
  'words.alone.priceNoGrant': 'Prix pour la ville : {city} de travaux, dont {thisYear} payés avant le prochain budget, pris sur l’enveloppe de l’année.',
  'words.alone.priceTip': 'Au prix du catalogue ; un dépassement tiré pendant les travaux est aussi pour la ville. Les subventions espérées : le taux de chaque appel coché, dans la limite de son budget et du plafond d’aides, multiplié par la chance que le dossier soit retenu ; seule la subvention obtenue revient à la ville.',
  'words.alone.pickDistrict': 'Choisissez au moins un quartier pour voir le prix.',
  'words.envelope.label': 'Enveloppe {year} restante',
  'words.envelope.notVoted': 'Budget {year} pas encore voté : ce reste vient de l’enveloppe précédente ; voter le budget le remplace.',
  'words.envelope.notVotedFirst': 'Budget {year} pas encore voté : c’est l’enveloppe prévue au départ ; voter le budget la remplace.',
  'words.metric.envelopeLeftEur.more': 'C’est l’enveloppe de l’année de jeu en cours : le vote du budget la fixe au début de l’année ; tant qu’il n’a pas eu lieu, c’est le reste de la précédente (l’enveloppe prévue au départ, la première année).',
  'words.metric.partnerNpvEur.more': 'C’est la VAN réalisée à ce jour (travaux payés, paiements reçus, actualisés au début de la partie), pas celle du graphique de la table : celle-ci est la valeur attendue d’un contrat sur toute sa durée, vue par le partenaire le jour de l’offre. Juste après une signature, la VAN réalisée baisse (les travaux se paient d’abord), puis remonte avec les paiements.',
  'words.call.rate': '{pct} des travaux',
} as const;
