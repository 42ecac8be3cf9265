/**
 * The names of things, one per thing, used by every screen and the negotiation table: projects
 * (by family), grant calls, funders, contract forms (as they read inside a sentence: labels
 * capitalise them), award procedures and the sides.
 */
export const frNames = {
  'name.project.streetLighting': 'Éclairage public LED',
  'name.project.buildingEnergy': 'Rénovation énergétique',
  'name.project.dataPlatform': 'Plateforme de données',
  'name.project.smartTraffic': 'Feux intelligents et priorité bus',
  'name.project.mobilityServices': 'Services de mobilité',
  'name.project.leakDetection': 'Détection des fuites d’eau',
  'name.project.wasteSensors': 'Capteurs de déchets',
  'name.project.citizenApp': 'Application citoyenne',
  'name.project.solarRoofs': 'Toitures solaires',
  'name.project.greenInfrastructure': 'Îlots de fraîcheur (végétalisation)',
  'name.project.pedestrianPriority': 'Priorité aux piétons',
  'name.call.dsil': 'DSIL (investissement local)',
  'name.call.feder': 'FEDER transition',
  'name.call.region-transition': 'Transition régionale',
  'name.call.innovation-pilots': 'Expérimentations innovantes',
  'name.call.stateExtra': 'Appel exceptionnel de l’État',
  'name.funder.state': 'État',
  'name.funder.region': 'Région',
  'name.funder.eu': 'Union européenne',
  'name.form.procurement': 'marché public',
  'name.form.performance': 'marché global de performance',
  'name.form.concession': 'concession',
  'name.form.pilot': 'expérimentation',
  'name.form.partnership': 'marché de partenariat',
  'name.procedure.adapted': 'procédure adaptée',
  'name.procedure.open': 'appel d’offres ouvert',
  'name.procedure.dialogue': 'dialogue compétitif',
  'name.procedure.concession': 'procédure de concession',
  'name.sideIn.city': 'la ville',
  'name.sideIn.partner': 'le partenaire',
} as const;
