/**
 * The hand-over, with two groups on one screen: an opaque page in the colour of the group that
 * takes the controls, and nothing else (no HUD, no map, no figure), so that what the previous
 * group saw is gone before the next one looks.
 */
import { t } from '../../i18n';
import { icon } from '../icons';
import { screenRoot, screenTitle, sessionOf, type ScreenContext, type ScreenView } from './context';
import { button, h } from '../dom';

export function handoverScreen(ctx: ScreenContext): ScreenView {
  const session = sessionOf(ctx);
  const side = session.actingSide ?? 'city';
  const other = side === 'city' ? 'partner' : 'city';
  const go = button(t(`handover.${side}.ready`), { icon: 'arrowRight', testid: 'continue', kind: 'primary', onClick: () => ctx.dispatch({ type: 'continue' }) });
  const el = screenRoot(
    'handover',
    'full',
    h(
      'div',
      { class: `handover side-${side}` },
      icon(side === 'city' ? 'city' : 'partner', 'icon handover-icon'),
      screenTitle('handover', t(`handover.${side}.title`)),
      h('p', { class: 'lead' }, t(`handover.${other}.lookAway`)),
      h('p', {}, t('handover.private')),
      go,
    ),
  );
  return { el, initialFocus: go };
}
