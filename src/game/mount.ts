/**
 * Mounts the city view (Phaser) in a DOM element: the game's config and scene list in one place.
 * The view fills its parent and follows its size (Phaser's RESIZE mode); it reads the game's
 * store and leaves the keyboard to the DOM panels.
 *
 * It uses Phaser's Canvas renderer: on machines without a GPU (software WebGL, as on the
 * workshop laptops and in the headless benchmark) it holds 60 frames a second where WebGL
 * manages about ten, and the view's few still layers and small sprites need nothing WebGL adds.
 */
import Phaser from 'phaser';
import type { Game } from '../state/game-types';
import { BootScene } from './BootScene';
import { CityViewScene, GAME_REGISTRY_KEY } from './CityViewScene';
import { MAP_COLOURS } from './palette';
import './city-view.css';

export function mountCityView(parent: HTMLElement, game: Game): { destroy(): void } {
  const phaser = new Phaser.Game({
    type: Phaser.CANVAS,
    parent,
    backgroundColor: MAP_COLOURS.background,
    scale: {
      mode: Phaser.Scale.RESIZE,
      width: parent.clientWidth || 1280,
      height: parent.clientHeight || 720,
    },
    banner: false,
    autoFocus: false,
    audio: { noAudio: true },
    input: { keyboard: false, gamepad: false },
    scene: [BootScene, CityViewScene],
    callbacks: { preBoot: (g) => g.registry.set(GAME_REGISTRY_KEY, game) },
  });
  return { destroy: () => phaser.destroy(true) };
}
