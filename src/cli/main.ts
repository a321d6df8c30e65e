/** The `blastmap` command: the same core as the app, headless, for pipelines. */
import { parseArgs, UsageError } from './args';
import { runAnalyze, type Output } from './analyze';

const HELP = `blastmap: identity blast-radius analysis of cloud IAM exports, offline.

Usage:
  blastmap analyze <files or folders...> [--json]   import exports, print a summary (or JSON)

Exit codes: 0 every file imported, 1 some file rejected, 2 bad usage.`;

export function main(argv: readonly string[], io: Output): number {
  try {
    const args = parseArgs(argv);
    if (args.flags.has('help') || args.command === 'help') {
      io.out(HELP);
      return 0;
    }
    switch (args.command) {
      case 'analyze':
        return runAnalyze(args.paths, args.flags.has('json'), io);
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
