// `parley --help` (the review of issue 21: the token and doctor lines ran into their descriptions):
// every command's description starts in the same column, and no usage touches it.
import { describe, expect, it } from 'vitest';
import { COMMANDS, USAGE } from '../../src/server/cli.ts';

describe('parley --help', () => {
  it('lists every command with its description in one column', () => {
    const lines = USAGE.split('\n');
    for (const name of ['serve', ...Object.keys(COMMANDS)]) {
      const at = lines.findIndex((l) => l.startsWith(`  ${name} `) || l === `  ${name}`);
      expect(at, name).toBeGreaterThan(-1);
      const line = lines[at]!;
      const sameLine = line.length > 38 && line.slice(36, 38) === '  ' && line[38] !== ' ';
      // The description starts at column 38: on the usage's line after a gap, or alone on the next.
      if (sameLine) expect(line.slice(2, 36).trimEnd().length, name).toBeLessThan(34);
      else expect(lines[at + 1], name).toMatch(/^ {38}\S/);
    }
  });
});
