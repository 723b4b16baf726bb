/**
 * Who voted is never stored: the repository keeps a keyed hash of the voter and the article, so a second vote by
 * the same visitor is recognised and nobody can tell from the table who it was.
 */
export type Voter = { readonly kind: 'user'; readonly id: string } | { readonly kind: 'visitor'; readonly id: string } | { readonly kind: 'address'; readonly id: string };

export function voterKey(articleId: string, voter: Voter): string {
  return `help.vote|${articleId}|${voter.kind}|${voter.id}`;
}

/**
 * Crawlers and scripts announce themselves; their votes are answered politely and not counted. An empty
 * user agent is no browser either.
 */
const AUTOMATED = /bot\b|bot\/|crawl|spider|slurp|preview|facebookexternalhit|curl\/|wget\/|python-|httpclient|java\/|go-http-client|libwww|scrapy|okhttp|axios\/|node-fetch|undici|postman/iu;

export function looksAutomated(userAgent: string): boolean {
  return userAgent.trim() === '' || AUTOMATED.test(userAgent);
}

export interface VoteOutcome {
  /** False for a repeated vote or one from an automated client: the counts did not change. */
  readonly counted: boolean;
  readonly helpfulCount: number;
  readonly notHelpfulCount: number;
}
