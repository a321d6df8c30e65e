import { AnalysisClient } from '../worker/client';

let client: AnalysisClient | undefined;

/** One worker per page: it holds the workspace's import session. */
export function analysisClient(): AnalysisClient {
  client ??= new AnalysisClient();
  return client;
}
