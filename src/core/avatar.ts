// Initials-and-colour avatars: no images, no third-party hosts (DESIGN "The HTTP API").

/** Up to two initials, from the first and last words; "?" when the name has no letters. */
export function initials(name: string): string {
  // No trim needed: the empty pieces a leading or trailing space makes hold no letter, so they go too.
  const words = name.split(/\s+/).filter((w) => /\p{L}|\p{N}/u.test(w));
  if (!words.length) return '?';
  const first = [...words[0]!][0]!;
  const last = words.length > 1 ? [...words[words.length - 1]!][0]! : '';
  return (first + last).toUpperCase();
}

/** A hue 0–359 from the avatar seed, so one author keeps one colour everywhere. */
export function avatarHue(seed: string): number {
  let h = 0;
  for (let i = 0; i < seed.length; i++) h = (h * 31 + seed.charCodeAt(i)) >>> 0;
  return h % 360;
}
