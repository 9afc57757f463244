// The spam part of the store (issue 15): what the learning filter has learnt from the moderator,
// per site, and — only while Akismet is on — the raw client details Akismet's submit-spam and
// submit-ham need later. Both live in the store so every instance uses the same (DESIGN "Scale").

/** A moderator's decision as the learning filter counts it: approved (`ham`) or marked as spam. */
export type SpamLabel = 'ham' | 'spam';

/** What the learning filter has learnt for one site. */
export interface LearnedModel {
  /** Moves with every change of this site's model (a decision learnt or relabelled, a reset); never goes back. */
  version: number;
  /** Decisions learnt of each kind. */
  ham: number;
  spam: number;
  /** For each feature, in how many learnt ham and spam comments it occurs. Features in neither are left out. */
  features: Map<string, { ham: number; spam: number }>;
}

/** What Akismet is told about a comment's sender besides the comment (README "Privacy"). */
export interface ClientDetails {
  address: string;
  userAgent: string;
  referrer: string;
}

export interface SpamPart {
  /**
   * Count a moderator's decision on a comment: each of `features` (deduplicated) once under
   * `label`. A comment learnt before under the other label is taken back first (the moderator
   * changed their mind), so each comment counts once, as last decided. False, and nothing changes,
   * when the comment was learnt with this label already.
   */
  learn(site: string, commentId: string, label: SpamLabel, features: readonly string[]): Promise<boolean>;
  /** The site's model version alone: one small read, to tell whether a kept model is current. */
  version(site: string): Promise<number>;
  model(site: string): Promise<LearnedModel>;
  /** Forget everything the site's model learnt (the version still moves on). */
  reset(site: string): Promise<void>;
  /** Keep a comment's client details (Akismet on), replacing any kept before, stamped `now`. */
  keepClient(commentId: string, details: ClientDetails, now: number): Promise<void>;
  client(commentId: string): Promise<(ClientDetails & { keptAt: number }) | null>;
  /** Forget the client details kept before `before` (ms since the epoch); how many went. */
  forgetClients(before: number): Promise<number>;
}

/** `before` for forgetClients that forgets them all (a number every store can bind). */
export const ALL_CLIENTS = Number.MAX_SAFE_INTEGER;

/** A feature list as the stores count it: each feature once. */
export const distinctFeatures = (features: readonly string[]): string[] => [...new Set(features)];
