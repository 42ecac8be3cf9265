/** The model's refusals a player can meet, in French: each real message is recognised. */
import { afterEach, describe, expect, it } from 'vitest';
import { setLang } from '../src/i18n';
import { knowsReason, localizeReason } from '../src/i18n/reasons';
import { termsProblem } from '../src/sim';
import { stepInPlace } from '../src/sim/step';
import { dijon, freshState, NO_POLICIES, terms, variant } from './sim/helpers';

const sc = dijon();
const refusal = (r: { ok: boolean; reason?: string }) => (r.ok ? '' : (r as { reason: string }).reason);

/** Real messages from the model, one per situation a player can reach through the interface. */
function realMessages(): string[] {
  const s = freshState();
  const out: string[] = [];
  const problem = (t: object) => termsProblem(s, sc, terms(t as never))!.reason;
  out.push(problem({ annualPaymentEur: 9e8 })); // golden rule
  out.push(problem({ form: 'concession', durationYears: 30, annualPaymentEur: 6_000_000, cityCapitalShare: 0.1 }));
  out.push(problem({ form: 'concession', durationYears: 10, annualPaymentEur: 0, cityCapitalShare: 0 }));
  out.push(problem({ pilot: true }));
  out.push(problem({ form: 'pilot', pilot: true, districts: [0, 1] }));
  out.push(problem({ form: 'pilot', pilot: true, durationYears: 9 }));
  out.push(problem({ form: 'procurement', annualPaymentEur: 10 }));
  out.push(problem({ form: 'performance', durationYears: 0 }));
  out.push(problem({ projects: [] }));
  out.push(problem({ districts: [] }));
  out.push(problem({ grantCalls: ['nope'] }));
  const strict = variant({ 'negotiation.maxTerminationCompensation': 0.5, 'negotiation.maxGuaranteedSavingShare': 0.5 });
  out.push(termsProblem(freshState(strict), strict, terms({ terminationCompensation: 0.8 }))!.reason);
  out.push(termsProblem(freshState(strict), strict, terms({ guaranteedSavingShare: 0.8 }))!.reason);
  const indebted = variant({ 'city.debtEur': 2.5e9 });
  const rich = freshState(indebted);
  rich.city.envelopeLeftEur = 1e9;
  out.push(termsProblem(rich, indebted, terms({ cityCapitalShare: 1, annualPaymentEur: 0 }))!.reason); // lenders refuse
  // The budget's other refusals (rules/legality.ts).
  const b = freshState();
  b.city.envelopeLeftEur = 1e5;
  out.push(refusal(stepInPlace(b, sc, [{ type: 'launchAlone', project: 'streetLighting', districts: [0], pilot: false }], NO_POLICIES)[0]!));
  const v = freshState();
  out.push(refusal(stepInPlace(v, sc, [{ type: 'setBudget', envelopeEur: 1e9, taxChange: 0 }], NO_POLICIES)[0]!));
  const tight = freshState();
  tight.city.grossSavingsEur = tight.city.debtEur / sc.city.debtMaturityYears + 1e5;
  out.push(refusal(stepInPlace(tight, sc, [{ type: 'setBudget', envelopeEur: 0, taxChange: -0.03 }], NO_POLICIES)[0]!));
  const settled = freshState();
  settled.city.settledUntilTick = 12;
  out.push(refusal(stepInPlace(settled, sc, [{ type: 'governance', measure: 'smartCityOffice', on: true }], NO_POLICIES)[0]!));
  // Turns and rounds.
  const offer = (by: string) => ({ type: 'propose', by, terms: terms() });
  const t = freshState();
  out.push(refusal(stepInPlace(t, sc, [{ type: 'accept', by: 'city' }], NO_POLICIES)[0]!));
  const [, same] = stepInPlace(t, sc, [offer('city'), offer('partner')], NO_POLICIES);
  out.push(refusal(same!));
  out.push(refusal(stepInPlace(t, sc, [offer('city')], NO_POLICIES)[0]!));
  out.push(refusal(stepInPlace(t, sc, [{ type: 'accept', by: 'partner' }, { type: 'accept', by: 'partner' }], NO_POLICIES)[1]!));
  return out;
}

describe('reasons in French', () => {
  afterEach(() => setLang('fr'));

  it('every message a player can meet is recognised and rendered in French, numbers kept', () => {
    const messages = realMessages();
    if (process.env.SHOW) console.log(messages.join("\n"));
    for (const m of messages) {
      expect(m, 'a situation gave no message').toMatch(/\w/);
      expect(knowsReason(m), m).toBe(true);
    }
    setLang('fr');
    const golden = localizeReason(messages[0]!);
    expect(golden).toMatch(/^l’équilibre réel \(CGCT L1612-4\) : payer 900,0 M€ par an/);
    expect(localizeReason(messages[1]!)).toMatch(/R3114-2\) : ici \d+ ans, pas 30/);
    setLang('en');
    expect(localizeReason(messages[0]!)).toBe(messages[0]);
  });

  it('an unknown reason is shown as it is', () => {
    setLang('fr');
    expect(localizeReason('terms: expected an object')).toBe('terms: expected an object');
  });
});
