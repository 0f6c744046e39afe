import { describe, expect, it } from 'vitest';
import { COMMANDS } from '#cli/main.ts';
import { API_URL, shopEnv, useEmulatorCli } from './support/emulator-cli.ts';

const cli = useEmulatorCli();

describe('the pjcollector command line', () => {
  it('lists its commands with --help, and exits 0', async () => {
    const { code, stdout } = await cli.run(['--help']);
    expect(code).toBe(0);
    for (const name of ['doctor', 'report', 'export', 'reconcile', 'backfill', 'dead-letters']) {
      expect(stdout).toMatch(new RegExp(`^  ${name} `, 'm'));
    }
    expect(stdout).toContain('0 all good, 1 problems found, 2 usage or connection error');
  });

  it.each(COMMANDS.map((command) => command.name))(
    'has --help for %s, with --json among its options',
    async (name) => {
      const { code, stdout } = await cli.run([name, '--help']);
      expect(code).toBe(0);
      expect(stdout).toMatch(new RegExp(`^usage: pjcollector ${name}`));
      expect(stdout).toContain('--json');
    },
  );

  it('exits 2 on no command, an unknown command and an unknown option', async () => {
    expect((await cli.run([])).code).toBe(2);
    const unknown = await cli.run(['deploy']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown command "deploy"');
    const option = await cli.run(['report', '--colour']);
    expect(option.code).toBe(2);
    expect(option.stderr).toContain("Unknown option '--colour'");
  });

  it('exits 2 and says which setting is missing', async () => {
    const { code, stderr } = await cli.run(['report'], { PRISJAKT_API_URL: API_URL });
    expect(code).toBe(2);
    expect(stderr).toContain('set PRISJAKT_CLIENT_ID');
  });

  it('never prints the client secret, even when the API refuses it', async () => {
    const secret = 'definitely-not-the-secret-4711';
    const { code, stdout, stderr } = await cli.run(['report', '--json'], {
      ...shopEnv(),
      PRISJAKT_CLIENT_SECRET: secret,
    });
    expect(code).toBe(2);
    expect(stderr).toContain('401');
    expect(stderr).toContain('check PRISJAKT_CLIENT_ID and PRISJAKT_CLIENT_SECRET');
    expect(`${stdout}${stderr}`).not.toContain(secret);
  });
});
