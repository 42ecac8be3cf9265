/**
 * Boot / preload: shows a progress bar while the city view's assets get ready — the project
 * icons (SVG files in `assets/city/`, rasterised by Phaser's loader), the interface font (bundled
 * with the page's CSS; the canvas can only use it once the browser has loaded it) and the moving
 * sprites' textures — then starts the city view.
 */
import Phaser from 'phaser';
import { t } from '../i18n';
import { PROJECT_FAMILIES } from '../sim';
import { MAP_COLOURS, SIDE_COLOURS, hexToNumber } from './palette';
import { ICON_RASTER, addFlowTextures, iconKey, iconSvg } from './textures';

const FONT_FAMILY = '"Atkinson Hyperlegible"';
/** Past this delay the map is drawn with the fallback font rather than waiting any longer. */
const FONT_TIMEOUT_MS = 3000;

function loadFonts(): Promise<unknown> {
  if (!('fonts' in document)) return Promise.resolve();
  const loads = Promise.all([document.fonts.load(`400 16px ${FONT_FAMILY}`), document.fonts.load(`700 16px ${FONT_FAMILY}`)]);
  return Promise.race([loads, new Promise((done) => window.setTimeout(done, FONT_TIMEOUT_MS))]).catch(() => undefined);
}

export class BootScene extends Phaser.Scene {
  private blobUrls: string[] = [];

  constructor() {
    super('BootScene');
  }

  preload(): void {
    const { width, height } = this.scale;
    const barWidth = Math.min(360, width * 0.6);
    const x = (width - barWidth) / 2;
    const y = height / 2;
    this.add
      .text(width / 2, y - 28, t('city.boot.loading'), { fontFamily: `${FONT_FAMILY}, system-ui, sans-serif`, fontSize: '18px', color: MAP_COLOURS.ink })
      .setOrigin(0.5, 0.5);
    const track = this.add.graphics();
    track.fillStyle(hexToNumber(MAP_COLOURS.landEdge), 1).fillRoundedRect(x, y, barWidth, 10, 5);
    const bar = this.add.graphics();
    const show = (share: number) => {
      bar.clear();
      if (share > 0) bar.fillStyle(hexToNumber(SIDE_COLOURS.city), 1).fillRoundedRect(x, y, Math.max(10, barWidth * share), 10, 5);
    };
    // The icons are most of the work; the fonts and the sprites take the last tenth.
    this.load.on(Phaser.Loader.Events.PROGRESS, (share: number) => show(share * 0.9));
    this.load.once(Phaser.Loader.Events.COMPLETE, () => show(0.9));

    for (const family of PROJECT_FAMILIES) {
      if (this.textures.exists(iconKey(family))) continue;
      const url = URL.createObjectURL(new Blob([iconSvg(family, MAP_COLOURS.ink)], { type: 'image/svg+xml' }));
      this.blobUrls.push(url);
      this.load.svg(iconKey(family), url, { width: ICON_RASTER, height: ICON_RASTER });
    }
  }

  create(): void {
    for (const url of this.blobUrls) URL.revokeObjectURL(url);
    this.blobUrls = [];
    addFlowTextures(this.textures);
    // The game may have been destroyed while the fonts loaded.
    void loadFonts().then(() => {
      if (this.sys.settings.active) this.scene.start('CityViewScene');
    });
  }
}
