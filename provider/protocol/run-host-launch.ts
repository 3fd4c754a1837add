/**
 * The launchers' side of the run host (run-host.ts), as POSIX sh lines for both launchers: the npm
 * package's mirror (src/providers/install.ts) and the linux release's (scripts/release/launcher.ts).
 * Builtins only (dash, busybox sh, bash) but for one `mkfifo`.
 *
 * A launch joins the run host only when Terraform started it as a plugin with automatic mTLS
 * (magic cookie, client certificate, no arguments); anything else, a host that cannot be had
 * included, falls through to the launcher's usual `exec`, one provider process per launch.
 */
import { MAGIC_COOKIE_KEY, MAGIC_COOKIE_VALUE } from './handshake';
import { PLUGIN_TRANSPORT_VARIABLE } from './transport';

/** In a run folder: the host's pid and handshake line, written once it listens. */
export const RUN_HOST_FILE = 'host';
/** What a launcher reads as the end of its session (no log line of ours is ever this). */
export const SESSION_END_LINE = '--- commerce-iac run host: session ended ---';

/** The provider executable's flags that make it a run host (provider/process.ts parses them). */
export const RUN_HOST_FLAGS = { runDir: 'run-host', terraformPid: 'terraform-pid' } as const;

/** Set to `off` to start one provider process per launch, as Terraform expects by default. */
export const RUN_HOST_VARIABLE = 'COMMERCE_IAC_RUN_HOST';

export interface RunHostLaunchOptions {
  /** The provider's name, the first argument of the command. */
  name: string;
  /** Shell words running the provider executable, before its name (quoted as needed). */
  command: string;
  /**
   * A shell word (may expand variables) naming the folder that holds run folders: one only the
   * user can write to (a run folder's files decide which server Terraform's launches talk to), and
   * outside the provider's package (Terraform checks the package's files against its lock file).
   */
  runFolders: string;
}

/**
 * The launcher's lines in two parts: `join` serves the launch from this run's host if one is up,
 * `start` starts the host and serves the launch from it. Both go before any check a launcher makes
 * of its own files (a running host needs none, and a host that cannot start prints nothing, so the
 * launch goes on to the checks, which then say why), then the launcher's own `exec`, where a
 * launch ends up when no host can be had.
 */
export function runHostLaunchLines({ name, command, runFolders }: RunHostLaunchOptions): { join: string[]; start: string[] } {
  return {
    join: [
      '# One provider process serves every launch of this Terraform run (the run host; a plan launches the',
      "# provider three times, an apply four): the first launch starts it, each registers Terraform's client",
      "# certificate with it, hands Terraform its address and relays the session's log lines until it ends.",
      `# ${RUN_HOST_VARIABLE}=off starts a provider process per launch instead.`,
      'run_host_session() {',
      '  printf \'%s\\n\' "$PLUGIN_CLIENT_CERT" 2>/dev/null >"$run/$$.cert" && mkfifo -m 600 "$run/$$.log" 2>/dev/null || return 1',
      '  # Terraform handles an interrupt itself, then ends its providers.',
      "  trap '' INT",
      '  {',
      '    printf \'%s\\n\' "$1"',
      '    while IFS= read -r line <&3; do',
      `      [ "$line" = '${SESSION_END_LINE}' ] && exit 0`,
      '      printf \'%s\\n\' "$line" >&2',
      '    done',
      '    exit 0',
      '  } 3<>"$run/$$.log"',
      '  return 1',
      '}',
      'run=',
      // On a unix socket only: a provider asked for TCP (transport.ts) is started per launch.
      `if [ $# -eq 0 ] && [ "\${${RUN_HOST_VARIABLE}:-on}" != off ] && [ -n "$PLUGIN_CLIENT_CERT" ] && [ "$${MAGIC_COOKIE_KEY}" = ${MAGIC_COOKIE_VALUE} ] && [ "\${${PLUGIN_TRANSPORT_VARIABLE}:-unix}" = unix ]; then`,
      `  runs=${runFolders} run=${runFolders}/commerce-iac-${name}-$PPID`,
      `  if [ -r "$run/${RUN_HOST_FILE}" ]; then`,
      '    host_pid= handshake=',
      `    { read -r host_pid && read -r handshake; } <"$run/${RUN_HOST_FILE}" 2>/dev/null`,
      '    [ -n "$handshake" ] && kill -0 "$host_pid" 2>/dev/null && run_host_session "$handshake"',
      '  fi',
      'fi',
    ],
    start: [
      '# No host for this run yet: start one. It prints its handshake line and closes its stdout, or prints',
      '# nothing if it cannot serve (another launch is starting one): this launch then runs its own provider.',
      'if [ -n "$run" ] && [ -w "$runs" ] && command -v mkfifo >/dev/null 2>&1; then',
      `  handshake=$(${command} ${name} --${RUN_HOST_FLAGS.runDir} "$run" --${RUN_HOST_FLAGS.terraformPid} "$PPID" </dev/null 2>/dev/null &)`,
      '  [ -n "$handshake" ] && run_host_session "$handshake"',
      'fi',
    ],
  };
}
