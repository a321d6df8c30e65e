/** The `blastmap` command: the same core as the app, headless, for pipelines. */
import { parseArgs, UsageError } from './args';
import { runAnalyze, type Output } from './analyze';
import { runGenerate } from './generate';

const HELP = `blastmap: identity blast-radius analysis of cloud IAM exports, offline.

Usage:
  blastmap analyze <files or folders...> [--json]   import exports, print a summary (or JSON)
  blastmap generate --out FILE [--users N] [--roles N] [--policies N] [--seed N]
                                                    write a synthetic account (GAAD format)

Exit codes: 0 every file imported, 1 some file rejected, 2 bad usage.`;

export function main(argv: readonly string[], io: Output): number {
  try {
    const args = parseArgs(argv, new Set(['out', 'users', 'roles', 'policies', 'seed']));
    if (args.flags.has('help') || args.command === 'help') {
      io.out(HELP);
      return 0;
    }
    switch (args.command) {
      case 'analyze':
        return runAnalyze(args.paths, args.flags.has('json'), io);
      case 'generate':
        return runGenerate(args.flags, io);
      case undefined:
        throw new UsageError('no command given');
      default:
        throw new UsageError(`unknown command "${args.command}"`);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`blastmap: ${e.message}\n\n${HELP}`);
      return 2;
    }
    throw e;
  }
}
