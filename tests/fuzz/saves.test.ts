/**
 * Generated save files and autosaves (issue 12, family b): the save `sim --save` writes and a
 * played game's, damaged as text and as structure, read as `npm run replay` reads them, and as the
 * game's menu reads its autosave. Accepted and replayed with finite numbers, or refused with one
 * message naming the file; an autosave is never lost. Fixed seeds and counts; the cases first.
 */
import { describe, expect, it } from 'vitest';
import { fixedSample, unclean } from './harness';
import { autosaveFamily, saveFamily, type SaveInput } from './save-family';
import { pathIndex } from './scenario-family';

const plain: SaveInput = { base: 0, region: 'top', edits: [], saveEdits: [], damage: { kind: 'none' }, envelope: null };

describe('generated save files', () => {
  it.each<[string, SaveInput]>([
    ['a save written with a byte-order mark is read', { ...plain, damage: { kind: 'bom' } }],
    ['a UTF-16 save is refused by name', { ...plain, damage: { kind: 'utf16le' } }],
    ['a save carrying a scenario with city.debtEur = 1e308 is refused, not a crash of the replay', { ...plain, region: 'scenario', edits: [{ kind: 'set', at: pathIndex(['city', 'debtEur']), value: { raw: '1e308' } }] }],
    ['a save with seed −1 is refused', { ...plain, saveEdits: [{ kind: 'field', field: 'seed', pick: 0 }] }],
  ])('%s', async (_name, input) => {
    expect(await unclean(saveFamily, [input])).toEqual([]);
  });

  it('100 damaged saves (seed 12): each replayed and finite, or refused clearly', async () => {
    expect(await unclean(saveFamily, fixedSample(saveFamily, 12, 100))).toEqual([]);
  });
});

describe('generated autosaves', () => {
  it('an autosave that parses but does not replay is kept past the next year-end', async () => {
    expect(await unclean(autosaveFamily, [{ ...plain, base: 1, saveEdits: [{ kind: 'hash', at: 1 }] }])).toEqual([]);
  });

  it('30 damaged autosaves (seed 12): each restored, or set aside and kept', async () => {
    expect(await unclean(autosaveFamily, fixedSample(autosaveFamily, 12, 30))).toEqual([]);
  });
});
