/** STUB (to be replaced by the screens engineer): the DOM panels of the game flow. */
import type { Game } from '../state/game-types';

export function mountApp(root: HTMLElement, game: Game): () => void {
  const render = () => {
    root.textContent = `screen: ${game.store.getState().screen}`;
  };
  render();
  return game.store.subscribe(render);
}
