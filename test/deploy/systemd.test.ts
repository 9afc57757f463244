// The systemd unit of README "Running in production" (issue 19, item 2): systemd's own checker
// accepts it (an unknown or misspelt directive, a missing program are errors), it is hardened as
// the issue asks, and it starts the package's own `parley` command.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const UNIT = join(root, 'deploy/systemd/parley.service');
const unit = readFileSync(UNIT, 'utf8');
const settings = (key: string) => [...unit.matchAll(new RegExp(`^${key}=(.*)$`, 'gm'))].map((m) => m[1]);

describe('deploy/systemd/parley.service', () => {
  it('passes systemd-analyze verify with nothing to say', () => {
    const run = spawnSync('systemd-analyze', ['verify', UNIT], { encoding: 'utf8', timeout: 60_000 });
    // .ci/run installs systemd; a machine without systemd-analyze fails here rather than skipping.
    expect(run.error, 'systemd-analyze is needed (apt-get install systemd)').toBeUndefined();
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  it('runs as a dynamic user in a read-only system, writing its state directory only', () => {
    expect(settings('DynamicUser')).toEqual(['yes']);
    expect(settings('StateDirectory')).toEqual(['parley']);
    expect(settings('ProtectSystem')).toEqual(['strict']);
    expect(settings('ProtectHome')).toEqual(['yes']);
    expect(settings('NoNewPrivileges')).toEqual(['yes']);
    expect(settings('CapabilityBoundingSet')).toEqual(['']);
    expect(settings('Environment')).toContain('PARLEY_DB=/var/lib/parley/parley.db');
  });

  it('starts the installed package\'s parley command, and stops it with SIGTERM', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    expect(settings('ExecStart')[0]).toMatch(new RegExp(`^/usr/bin/node /opt/parley/node_modules/${pkg.name}/${pkg.bin.parley} serve `));
    expect(settings('KillSignal')).toEqual(['SIGTERM']);
  });
});
