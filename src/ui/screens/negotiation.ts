/**
 * The negotiation screen: a frame below the HUD, of a definite height, in which the negotiation
 * table (src/ui/negotiation, its own component) is mounted once when the screen opens and removed
 * when it closes; the table follows the store and the language by itself, and keeps its own focus
 * (Tab from the top of the page reaches its controls first). What the player set at the table is
 * kept in the screen's `local`, so that it survives the app building the screen anew (a new language).
 */
import { mountNegotiationTable } from '../negotiation';
import { screenRoot, type ScreenContext, type ScreenView } from './context';

export function negotiationScreen(ctx: ScreenContext): ScreenView {
  const el = screenRoot('negotiation', 'table');
  return { el, destroy: mountNegotiationTable(el, ctx.game, ctx.local) };
}
