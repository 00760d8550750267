import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FunctionCatalog } from './catalog';

let root: string;
beforeAll(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'emu-catalog-'));
  const fn = (name: string, files: Record<string, string>) => {
    mkdirSync(path.join(root, name), { recursive: true });
    for (const [f, text] of Object.entries(files)) writeFileSync(path.join(root, name, f), text);
  };
  fn('a', { 'index.js': 'exports.main = () => 1' });
  fn('b', { 'index.js': 'exports.main = () => 1', 'config.json': '{"timeout": 20, "triggers": [{"name":"t","type":"timer","config":"0 0 * * * * *"}]}' });
  fn('broken-config', { 'index.js': '', 'config.json': '{not json' });
  fn('no-index', { 'main.js': '' });
  fn('.hidden', { 'index.js': '' });
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

it('finds folders with an index.js', () => {
  expect(new FunctionCatalog(root).names()).toEqual(['a', 'b', 'broken-config']);
  expect(new FunctionCatalog(path.join(root, 'missing')).names()).toEqual([]);
});

it('reads config.json, defaulting the timeout to 3 s', () => {
  const c = new FunctionCatalog(root);
  expect(c.get('a')).toMatchObject({ name: 'a', timeoutMs: 3000, config: {}, entry: path.join(root, 'a', 'index.js') });
  expect(c.get('b')).toMatchObject({ timeoutMs: 20000, config: { timeout: 20, triggers: [{ name: 't', type: 'timer' }] } });
  expect(c.get('broken-config')).toMatchObject({ timeoutMs: 3000, config: {} });
});

it('does not resolve names outside the root or without an index.js', () => {
  const c = new FunctionCatalog(path.join(root, 'a'));
  expect(c.get('..')).toBeUndefined();
  expect(new FunctionCatalog(root).get('../a')).toBeUndefined();
  expect(new FunctionCatalog(root).get('no-index')).toBeUndefined();
  expect(new FunctionCatalog(root).get('')).toBeUndefined();
});
