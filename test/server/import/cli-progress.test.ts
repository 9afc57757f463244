// The command in-process (runCli), where the test can be the terminal.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runCli, type CliIo } from '../../../src/server/cli.ts';
import { fixture } from './helpers.ts';

function io(terminal?: NodeJS.WritableStream) {
  const out: string[] = [];
  const err: string[] = [];
  const cli: CliIo = { env: {}, out: (l) => out.push(l), err: (l) => err.push(l), terminal };
  return { out, err, cli };
}

/** A stream that says it is a terminal, keeping what is drawn on it. */
function fakeTerminal() {
  const stream = Object.assign(new PassThrough(), { isTTY: true, columns: 100, rows: 30 });
  let drawn = '';
  stream.on('data', (d: Buffer) => (drawn += d.toString()));
  return { stream, drawn: () => drawn };
}

describe('parley import in a terminal and in a pipe', () => {
  it('draws a progress bar on a terminal and prints the summary to stdout', async () => {
    const db = path.join(mkdtempSync(path.join(tmpdir(), 'parley-import-tty-')), 'p.db');
    const terminal = fakeTerminal();
    const { out, err, cli } = io(terminal.stream);
    expect(await runCli(['import', fixture('wordpress/theme-unit-test.xml'), '--db', db], cli)).toBe(0);
    expect(terminal.drawn()).toMatch(/reading .*\d+%/);
    expect(terminal.drawn()).toContain(`${Math.ceil(609_142 / 1024)}/${Math.ceil(609_142 / 1024)} KB`);
    expect(err).toEqual([]);
    expect(out.join('\n')).toContain('29 new, 0 already present');
  });

  it('draws nothing when stderr is not a terminal, and lists the help with --help', async () => {
    const db = path.join(mkdtempSync(path.join(tmpdir(), 'parley-import-pipe-')), 'p.db');
    const { out, err, cli } = io();
    expect(await runCli(['import', fixture('disqus/isso-disqus.xml'), '--db', db, '--dry-run'], cli)).toBe(0);
    expect(err).toEqual([]);
    expect(out[0]).toBe(`Dry run (nothing written): Disqus XML from ${fixture('disqus/isso-disqus.xml')}`);
    expect(out.join('\n')).toContain('line 66, post 6: its thread 1337 is not in the file');
    const help = io();
    expect(await runCli(['import', '--help'], help.cli)).toBe(0);
    expect(help.out.join('\n')).toMatch(/Usage: parley import FILE.*--dry-run/s);
  });
});
