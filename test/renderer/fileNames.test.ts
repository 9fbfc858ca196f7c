/** Files the app writes are named after the project's title, with a name safe on every file system. */
import { describe, expect, it } from 'vitest';
import { projectFileName, projectStem, safeFileStem, scriptFileName } from '../../src/renderer/project/fileStem';

const project = (title: string | undefined, fileName = 'untitled.snn') => ({ doc: { meta: title === undefined ? undefined : { title } }, fileName });

describe('file-name stems', () => {
  it.each([
    ['Brette CUBA', 'brette-cuba'],
    ['Brette et al. 2007 · CUBA benchmark (Vogels & Abbott)', 'brette-et-al-2007-cuba-benchmark-vogels-abbott'],
    ['../../etc/passwd', 'etc-passwd'],
    ['C:\\Users\\x\\net', 'c-users-x-net'],
    ['tab\there\nnew\u0000line', 'tab-here-new-line'],
    ['Réseau à décharges', 'reseau-a-decharges'],
    ['脉冲网络', '脉冲网络'],
    ['CON', 'con-project'],
    ['  ***  ', ''],
  ])('%j -> %j', (title, stem) => {
    expect(safeFileStem(title)).toBe(stem);
  });

  it('cuts a long title at a word, within 60 characters', () => {
    const stem = safeFileStem('A very long title that goes on and on about spiking networks and their many parameters');
    expect(stem.length).toBeLessThanOrEqual(60);
    expect(stem).toBe('a-very-long-title-that-goes-on-and-on-about-spiking-networks');
  });

  it('falls back from the title to the file name to "untitled"', () => {
    expect(projectStem('Brette CUBA', 'brette-cuba.snn')).toBe('brette-cuba');
    expect(projectStem(undefined, 'My Net.snn')).toBe('my-net');
    expect(projectStem('', 'ei/../net.snn')).toBe('ei-net');
    expect(projectStem('///', '.snn')).toBe('untitled');
  });
});

describe('download names', () => {
  it('prefixes a plot download with the project stem, keeping its extension', () => {
    expect(projectFileName('raster.png', project('Brette CUBA'))).toBe('brette-cuba-raster.png');
    expect(projectFileName('rates.csv', project(undefined, '05-ei-balanced.snn'))).toBe('05-ei-balanced-rates.csv');
    expect(projectFileName('trace-E/../x.svg', project('Net'))).toBe('net-trace-e-x.svg');
    expect(projectFileName('raster.png', project(undefined))).toBe('untitled-raster.png');
  });

  it('names an exported script after the project and the target', () => {
    expect(scriptFileName('Brette CUBA', 'x.snn', 'brian2')).toBe('brette-cuba-brian2.py');
    expect(scriptFileName(undefined, 'ei-network.snn', 'pynest')).toBe('ei-network-pynest.py');
  });
});
