/**
 * A still layer of the city view: an off-screen 2D canvas, painted only when what it shows
 * changes, and shown by the scene as one image. Works with both of Phaser's renderers (under
 * WebGL the canvas is uploaded again after each painting).
 */
import type Phaser from 'phaser';

export class CanvasLayer {
  private readonly canvas: HTMLCanvasElement;
  private readonly ctx: CanvasRenderingContext2D;
  private readonly texture: Phaser.Textures.CanvasTexture;
  private readonly image: Phaser.GameObjects.Image;

  constructor(
    private readonly scene: Phaser.Scene,
    private readonly key: string,
    depth: number,
  ) {
    this.canvas = document.createElement('canvas');
    this.canvas.width = Math.max(1, scene.scale.width);
    this.canvas.height = Math.max(1, scene.scale.height);
    // Asked first, without `willReadFrequently`, so that the canvas may stay on the GPU where there is one.
    const ctx = this.canvas.getContext('2d');
    if (!ctx) throw new Error('no 2D canvas');
    this.ctx = ctx;
    if (scene.textures.exists(key)) scene.textures.remove(key);
    const texture = scene.textures.addCanvas(key, this.canvas);
    if (!texture) throw new Error(`cannot add the canvas texture ${key}`);
    this.texture = texture;
    this.image = scene.add.image(0, 0, key).setOrigin(0, 0).setDepth(depth);
  }

  /** Follows the screen's size (the content is lost: paint again after). */
  resize(width: number, height: number): void {
    const w = Math.max(1, Math.round(width));
    const h = Math.max(1, Math.round(height));
    if (w === this.canvas.width && h === this.canvas.height) return;
    this.texture.setSize(w, h);
    this.image.setSizeToFrame();
  }

  paint(draw: (ctx: CanvasRenderingContext2D) => void): void {
    draw(this.ctx);
    this.texture.refresh();
  }

  destroy(): void {
    this.image.destroy();
    if (this.scene.textures.exists(this.key)) this.scene.textures.remove(this.key);
  }
}
